package io.tracklab.cli;

import io.tracklab.cli.experiment.Experiment;
import java.nio.file.Path;

/**
 * How one experiment's run ended.
 *
 * @param resultFile its result.json, or null when none was written
 * @param summaryPage its summary.html beside the result, or null
 * @param gatlingReport Gatling's index.html, or null when none was written
 * @param detail what failed, for people (failed gates, the infrastructure error); empty when passed
 */
record RunOutcome(Experiment experiment, String runId, Verdict verdict, Path resultFile, Path summaryPage,
    Path gatlingReport,
    String detail) {

  enum Verdict {
    PASSED(ExitCodes.PASSED), GATE_FAILED(ExitCodes.GATE_FAILED), INFRASTRUCTURE_FAILED(ExitCodes.INFRASTRUCTURE),
    INTERRUPTED(ExitCodes.INTERRUPTED),
    /** The client cannot run the topology: nothing ran, the result says why (not a failure). */
    UNSUPPORTED(ExitCodes.PASSED);

    final int exitCode;

    Verdict(int exitCode) {
      this.exitCode = exitCode;
    }
  }
}

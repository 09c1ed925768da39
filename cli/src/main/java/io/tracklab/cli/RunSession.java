package io.tracklab.cli;

import io.tracklab.cli.experiment.Experiment;
import io.tracklab.simulations.run.TracklabRun;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Experiments run one after another with progress on the console and Ctrl-C/SIGTERM handled
 * ({@link StopOnSignal}): what {@code run} and {@code matrix} share.
 */
final class RunSession {
  private RunSession() {}

  /**
   * Runs {@code experiments} in order until the end or a stop request; {@code done} hears each
   * outcome as it comes (printed as {@link #describe} would).
   */
  static List<RunOutcome> runAll(List<Experiment> experiments, ExperimentRunner runner, String progress,
      Consumer<RunOutcome> done) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    StatusLine status = progress.equals("tty") || (progress.equals("auto") && System.console() != null)
        ? new StatusLine(out) : null;
    if (status != null) {
      System.setOut(status.around(out));
      System.setErr(status.around(err));
    }
    StopOnSignal.install(System.out);
    List<RunOutcome> outcomes = new ArrayList<>();
    try (ProgressReporter ignored = progress.equals("off") ? null : new ProgressReporter(System.out, status)) {
      for (int index = 0; index < experiments.size() && !TracklabRun.stopRequested(); index++) {
        Experiment experiment = experiments.get(index);
        System.out.printf("%n=== tracklab run %d/%d: %s (%s)%n", index + 1, experiments.size(), experiment.name(),
            experiment.source());
        RunOutcome outcome = runner.run(experiment);
        outcomes.add(outcome);
        System.out.println(describe(outcome));
        done.accept(outcome);
      }
    } finally {
      if (status != null) {
        System.setOut(out);
        System.setErr(err);
      }
    }
    return outcomes;
  }

  static String describe(RunOutcome outcome) {
    StringBuilder text = new StringBuilder(String.format("%-21s %s", outcome.verdict(), outcome.experiment().name()));
    if (!outcome.detail().isEmpty()) {
      text.append(": ").append(outcome.detail());
    }
    if (outcome.resultFile() != null) {
      text.append("\n    result  ").append(outcome.resultFile());
    }
    if (outcome.summaryPage() != null) {
      text.append("\n    summary ").append(outcome.summaryPage());
    }
    if (outcome.gatlingReport() != null) {
      text.append("\n    gatling ").append(outcome.gatlingReport());
    }
    return text.toString();
  }

  /** A signal decides first; then the worst verdict: infrastructure over interruption over gates over passing. */
  static int exitCode(List<RunOutcome> outcomes) {
    if (StopOnSignal.exitCode() != 0) {
      return StopOnSignal.exitCode();
    }
    int code = ExitCodes.PASSED;
    for (RunOutcome outcome : outcomes) {
      int exit = outcome.verdict().exitCode;
      if (exit == ExitCodes.INFRASTRUCTURE || (exit == ExitCodes.GATE_FAILED && code == ExitCodes.PASSED)) {
        code = exit;
      } else if (exit == ExitCodes.INTERRUPTED && code != ExitCodes.INFRASTRUCTURE) {
        code = exit;
      }
    }
    return code;
  }
}

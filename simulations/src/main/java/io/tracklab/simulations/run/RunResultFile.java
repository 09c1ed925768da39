package io.tracklab.simulations.run;

import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.InjectorClock;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.provisioning.Provisioners;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a run leaves: {@code <results dir>/<run-id>/result.json} and the console lines that say
 * what it holds (each gate's verdict, a harness fault, where the file is, how much of the load
 * Gatling's report samples); also the result of a run that could not start.
 */
final class RunResultFile {
  private RunResultFile() {}

  /**
   * Writes the measured result with the gates' verdicts, the topology's security and the
   * injectors' clocks (none for a run of its own).
   */
  static Path write(RunResult measured, List<GateVerdict> verdicts, String security,
      Map<String, InjectorClock> clocks, int reportRecordsPerSecond) {
    RunResult result = new RunResult(measured.schema(), measured.run().withSecurity(security).withClocks(clocks),
        measured.histograms(), measured.counters(), measured.timeline(), verdicts);
    for (GateVerdict gate : result.gates()) {
      System.out.printf("tracklab gate %s %s: %s %s %s (measured %s)%n", gate.passed() ? "PASS" : "FAIL",
          gate.name(), gate.metric(), gate.comparison(), GateVerdict.format(gate.threshold()), GateVerdict.format(gate.measured()));
    }
    long outOfOrder = result.counters().getOrDefault("writes_out_of_order", 0L);
    if (outOfOrder > 0) {
      System.out.printf("tracklab: HARNESS FAULT: %,d writes reached Redis after a newer version of their key; "
          + "reads of those keys were judged against versions Redis no longer held (report it)%n", outOfOrder);
    }
    Path file = pathFor(result.run().runId());
    ResultFiles.write(file, result);
    System.out.printf("tracklab: result written to %s%n", file.toAbsolutePath());
    long operations = result.counters().getOrDefault("reads", 0L) + result.counters().getOrDefault("writes", 0L)
        + result.counters().getOrDefault("failed_reads", 0L) + result.counters().getOrDefault("failed_writes", 0L);
    System.out.printf("tracklab: %,d operations (%,d local hits) are in result.json; Gatling's report holds %s%n",
        operations, result.counters().getOrDefault("hits", 0L), reportRecordsPerSecond == 0
            ? "a record of each" : "a sample, about " + reportRecordsPerSecond + " a second of each kind "
                + "(-Dreport.recordsPerSecond=0: every one, at a cost that grows with the request count)");
    return file;
  }

  /** Writes the result of a run that cannot start: what would have run, and why not. */
  static Path writeUnsupported(RunPlan plan, String reason) {
    String id = plan.runId() != null ? plan.runId() : RunPlan.runId(plan.name(), LocalDateTime.now());
    RunSettings settings = plan.settings();
    RunMetadata would = new RunMetadata(id, System.currentTimeMillis(), 0, settings.topology().label(),
        Provisioners.fromSystemProperties().name(), settings.client(),
        RunRecorder.describe(TracklabRun.workloadOf(settings)), List.of(), List.of(hostName()), false)
        .withSecurity(ProvisionedTopology.securityLabel(plan.security()));
    Path file = pathFor(id);
    ResultFiles.write(file, RunResult.unsupported(would, reason));
    System.out.printf("tracklab: %s UNSUPPORTED on %s: %s%n  result written to %s%n", settings.client(),
        settings.topology(), reason, file.toAbsolutePath());
    return file;
  }

  /** This machine, as result.json names where a run's load came from. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static Path pathFor(String runId) {
    return ResultFiles.pathFor(Path.of(System.getProperty("tracklab.results.dir", "target/tracklab")), runId);
  }
}

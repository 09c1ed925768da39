package io.tracklab.cli;

import io.tracklab.harness.coordination.Assignment;
import io.tracklab.harness.coordination.CoordinatorServer;
import io.tracklab.harness.coordination.InjectorProgress;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.ResultMerge;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.reports.allure.AllureExport;
import io.tracklab.cli.distributed.InjectorEngine;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.reports.summary.SummaryPage;
import io.tracklab.simulations.run.ControllerRun;
import io.tracklab.simulations.run.ResultGates;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.run.TracklabRun;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The controller of a distributed run (docs/distributed.md): provisions the topology, hands each
 * of N injectors its assignment through the coordination server, starts them on an engine, says
 * go when all are ready (the fault timeline starts then), prints the progress of all, and merges
 * their results into one result.json judged by the gates once. An injector that dies, stops
 * beating or never becomes ready ends the run as an infrastructure failure naming it and what the
 * engine said; faults heal, the results that arrived are kept, and nothing is left running.
 */
final class DistributedRunner {
  /** How long injectors have to connect and preload before the run fails naming the missing ones. */
  static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  /** After the load: how long the injectors have to write their reports and hand their results over. */
  static final Duration RESULT_GRACE = Duration.ofMinutes(3);
  /** After a failure: how long the others have to stop and hand over what they measured. */
  static final Duration STOP_GRACE = Duration.ofSeconds(60);

  private final Path resultsRoot;
  private final InjectorEngine.Factory engines;
  private final String bindHost;
  private final int bindPort;
  private final PrintStream out;

  /**
   * @param bindHost where the controller listens for its injectors (127.0.0.1 unless they run
   *     elsewhere), {@code bindPort} 0 for any free port
   */
  DistributedRunner(Path resultsRoot, InjectorEngine.Factory engines, String bindHost, int bindPort, PrintStream out) {
    this.resultsRoot = resultsRoot.toAbsolutePath().normalize();
    this.bindHost = bindHost;
    this.bindPort = bindPort;
    this.engines = engines;
    this.out = out;
  }

  RunOutcome run(Experiment experiment, String experimentText, Duration durationOverride, int injectors) {
    RunPlan plan = experiment.plan();
    if (plan.settings().keys() < injectors) {
      throw new IllegalArgumentException(injectors + " injectors need at least as many keys (each writes its own); "
          + "the workload has " + plan.settings().keys());
    }
    String runId = RunPlan.runId(experiment.name(), java.time.LocalDateTime.now());
    Path runDirectory = resultsRoot.resolve(runId);
    for (int n = 2; Files.exists(runDirectory); n++) {
      runDirectory = resultsRoot.resolve(RunPlan.runId(experiment.name(), java.time.LocalDateTime.now()) + "-" + n);
    }
    runId = runDirectory.getFileName().toString();
    Path injectorDirectory = runDirectory.resolve("injectors");
    long started = System.currentTimeMillis();
    try (ControllerRun controller = new ControllerRun(plan, injectors)) {
      List<Assignment> assignments = new ArrayList<>();
      for (int i = 0; i < injectors; i++) {
        assignments.add(new Assignment(Assignment.PROTOCOL, runId, "injector-" + (i + 1), i, injectors,
            experiment.source().getFileName().toString().replaceFirst("\\.ya?ml$", ""), experimentText,
            durationOverride == null ? 0 : durationOverride.toMillis(), controller.topologyYaml("injector-" + (i + 1))));
      }
      try (CoordinatorServer server = CoordinatorServer.start(bindHost, bindPort, assignments);
          InjectorEngine engine = engines.create(runId, injectorDirectory, injectors, server.url())) {
        out.printf("tracklab controller: %d injectors on the %s engine, controller at %s%n", injectors, engine.name(),
            server.url());
        engine.launchAll(assignments.stream().map(Assignment::injector).toList(), server.url());
        Optional<String> failure = awaitReady(server, engine);
        if (failure.isEmpty()) {
          server.go();
          controller.loadStarted();
          out.printf("tracklab controller: every injector is ready: go (%s)%n", plan.settings().describe());
          failure = watch(server, engine, controller, plan.settings().duration());
        }
        if (failure.isPresent()) {
          out.println("tracklab controller: " + failure.get() + "; stopping the others, healing every fault");
          server.abort(failure.get());
          controller.healAll();
          awaitResults(server, STOP_GRACE);
        }
        List<RunResult> results = keep(server, injectorDirectory);
        controller.healAll();
        CoordinatorServer.Cost cost = server.cost();
        double seconds = Math.max(1e-3, (System.currentTimeMillis() - started) / 1e3);
        out.printf(Locale.ROOT, "tracklab controller: coordination cost %,d requests, %,d bytes of bodies in %.0f s "
            + "(%.1f requests/s, %.1f KB/s)%n", cost.requests(), cost.bytes(), seconds, cost.requests() / seconds,
            cost.bytes() / seconds / 1e3);
        return outcome(experiment, plan, runId, runDirectory, started, controller, results, failure);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INTERRUPTED, null, null, null, "interrupted");
    }
  }

  /** Every injector ready, or why not: one that ended, failed, or did not make it in time. */
  private Optional<String> awaitReady(CoordinatorServer server, InjectorEngine engine) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (true) {
      List<String> missing = server.awaitReady(Duration.ofSeconds(1));
      Optional<String> dead = dead(server, engine, false);
      if (dead.isPresent()) {
        return dead;
      }
      if (missing.isEmpty()) {
        return Optional.empty();
      }
      if (System.nanoTime() - deadline > 0) {
        return Optional.of(String.join(", ", missing) + (missing.size() == 1 ? " was" : " were") + " not ready within "
            + READY_TIMEOUT.toSeconds() + " s");
      }
      if (TracklabRun.stopRequested()) {
        return Optional.of("stopped before the load");
      }
    }
  }

  /** Progress once a second until every result is in, or the first injector lost. */
  private Optional<String> watch(CoordinatorServer server, InjectorEngine engine, ControllerRun controller,
      Duration duration) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + duration.plus(RESULT_GRACE).toNanos();
    long lastOperations = 0;
    long lastOperationsPrinted = -1;
    long lastNanos = start;
    boolean stopAsked = false;
    while (true) {
      Thread.sleep(1_000);
      List<CoordinatorServer.Status> status = server.status();
      if (status.stream().allMatch(injector -> injector.result().isPresent())) {
        return Optional.empty();
      }
      Optional<String> dead = dead(server, engine, true);
      if (dead.isPresent()) {
        return dead;
      }
      if (System.nanoTime() - deadline > 0) {
        return Optional.of(status.stream().filter(injector -> injector.result().isEmpty())
            .map(CoordinatorServer.Status::name).collect(Collectors.joining(", "))
            + " handed no result within " + duration.plus(RESULT_GRACE).toSeconds() + " s of the start");
      }
      if (TracklabRun.stopRequested() && !stopAsked) {
        stopAsked = true; // Ctrl-C here: the injectors stop at their next beat and hand over what they have
        server.abort("the controller was asked to stop");
        controller.healAll();
      }
      long now = System.nanoTime();
      InjectorProgress sum = status.stream().map(CoordinatorServer.Status::progress)
          .reduce(InjectorProgress.NONE, InjectorProgress::plus);
      double rate = (sum.operations() - lastOperations) * 1e9 / Math.max(1, now - lastNanos);
      lastOperations = sum.operations();
      lastNanos = now;
      Duration elapsed = Duration.ofNanos(now - start);
      if (elapsed.compareTo(duration.plusSeconds(1)) > 0 && sum.operations() == lastOperationsPrinted) {
        // the load is over; the injectors write their reports and hand their results over
        long waiting = status.stream().filter(injector -> injector.result().isEmpty()).count();
        if (elapsed.toSeconds() % 5 == 0) {
          out.printf("[%4ds/%ds] load done; waiting for %d of %d results%n", elapsed.toSeconds(), duration.toSeconds(),
              waiting, status.size());
        }
        continue;
      }
      lastOperationsPrinted = sum.operations();
      out.println(line(elapsed, duration, rate, sum, status, controller.activeFaults()));
    }
  }

  /** {@code [  5s/30s] 3 injectors  120,345 ops/s (40,100 + 40,200 + 40,045 total ops)  hits ...}. */
  static String line(Duration elapsed, Duration duration, double rate, InjectorProgress sum,
      List<CoordinatorServer.Status> status, List<String> faults) {
    double hitPercent = sum.reads() == 0 ? 0 : 100.0 * sum.hits() / sum.reads();
    String shares = status.stream().map(injector -> String.format(Locale.ROOT, "%,d", injector.progress().operations()))
        .collect(Collectors.joining(" + "));
    return String.format(Locale.ROOT, "[%4ds/%ds] %,9.0f ops/s  %,d ops (%s)  hits %5.1f%%  stale %d (%d beyond bound)  "
            + "failed %d  faults: %s", elapsed.toSeconds(), duration.toSeconds(), rate, sum.operations(), shares,
        hitPercent, sum.stale(), sum.violations(), sum.failedReads() + sum.failedWrites(),
        faults.isEmpty() ? "none" : String.join("; ", faults));
  }

  /** The first injector the run lost, with what the engine and the controller know of it. */
  private static Optional<String> dead(CoordinatorServer server, InjectorEngine engine, boolean running) {
    for (CoordinatorServer.Status injector : server.status()) {
      if (injector.result().isPresent()) {
        continue;
      }
      if (injector.failure().isPresent()) {
        return Optional.of(injector.name() + " failed: " + injector.failure().get());
      }
      Optional<String> ended = engine.ended(injector.name());
      if (ended.isPresent()) {
        return Optional.of(injector.name() + " ended without a result: " + ended.get());
      }
      if (running && injector.silentMillis() > CoordinatorServer.MISSED_BEATS * 1_000L) {
        return Optional.of(injector.name() + " stopped beating (" + injector.silentMillis() / 1_000 + " s silent; "
            + engine.name() + " engine: still running)");
      }
    }
    return Optional.empty();
  }

  private static void awaitResults(CoordinatorServer server, Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (server.status().stream().allMatch(injector -> injector.result().isPresent() || injector.failure().isPresent())) {
        return;
      }
      server.awaitChange(Duration.ofSeconds(1));
    }
  }

  /** The results that arrived, each kept as {@code injectors/<name>/result.json} (where its injector did not write it). */
  private static List<RunResult> keep(CoordinatorServer server, Path injectorDirectory) {
    List<RunResult> results = new ArrayList<>();
    for (CoordinatorServer.Status injector : server.status()) {
      if (injector.result().isEmpty()) {
        continue;
      }
      Path file = ResultFiles.pathFor(injectorDirectory, injector.name());
      try {
        if (!Files.isRegularFile(file)) {
          Files.createDirectories(file.getParent());
          Files.write(file, injector.result().get());
        }
        results.add(ResultFiles.read(file));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot keep " + injector.name() + "'s result in " + file + ": " + e.getMessage(), e);
      }
    }
    return results;
  }

  private RunOutcome outcome(Experiment experiment, RunPlan plan, String runId, Path runDirectory, long started,
      ControllerRun controller, List<RunResult> results, Optional<String> failure) {
    if (results.isEmpty()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INFRASTRUCTURE_FAILED, null, null, null,
          failure.orElse("no injector handed a result over"));
    }
    RunResult merged = ResultMerge.merge(results);
    RunMetadata run = new RunMetadata(runId, started, merged.run().durationMillis(), merged.run().topology(),
        controller.provisionerName(), merged.run().client(), RunRecorder.describe(TracklabRun.workloadOf(plan.settings())),
        controller.faultRecords(), merged.run().injectors(), merged.run().interrupted() || failure.isPresent())
        .withClocks(merged.run().clocks());
    merged.run().clocks().forEach((name, clock) -> out.printf(Locale.ROOT, "tracklab controller: %s's clock: the "
        + "primary's TIME %+,d µs from its machine's (± %d µs at most), moved %+,d µs during the run (%d estimates)%n",
        name, clock.offsetMicros(), clock.uncertaintyMicros(), clock.driftMicros(), clock.estimates()));
    RunResult unjudged = new RunResult(merged.schema(), run, merged.histograms(), merged.counters(), merged.timeline(),
        List.of());
    List<GateVerdict> gates = ResultGates.check(plan.gates(), unjudged);
    RunResult result = new RunResult(merged.schema(), run, merged.histograms(), merged.counters(), merged.timeline(), gates);
    Path resultFile = ResultFiles.pathFor(resultsRoot, runId);
    ResultFiles.write(resultFile, result);
    for (GateVerdict gate : gates) {
      out.printf("tracklab gate %s %s: %s %s %s (measured %s, merged from %d injectors)%n", gate.passed() ? "PASS" : "FAIL",
          gate.name(), gate.metric(), gate.comparison(), GateVerdict.format(gate.threshold()),
          GateVerdict.format(gate.measured()), results.size());
    }
    Path summary = SummaryPage.writeBeside(resultFile, result, null);
    new AllureExport(resultsRoot.resolve("allure-results")).write("experiments", result, resultFile, summary, null);
    out.printf("tracklab controller: merged result of %d injectors: %s (each injector's own under %s)%n", results.size(),
        resultFile, runDirectory.resolve("injectors"));
    if (failure.isPresent()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INFRASTRUCTURE_FAILED, resultFile, summary, null,
          failure.get());
    }
    if (TracklabRun.stopRequested()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INTERRUPTED, resultFile, summary, null,
          "interrupted: the result covers the run up to the stop");
    }
    List<String> failed = new ArrayList<>(gates.stream().filter(gate -> !gate.passed()).map(GateVerdict::name).toList());
    controller.faultFailures().forEach(step -> failed.add("fault step failed: " + step));
    if (!failed.isEmpty()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.GATE_FAILED, resultFile, summary, null,
          String.join(", ", failed));
    }
    return new RunOutcome(experiment, runId, RunOutcome.Verdict.PASSED, resultFile, summary, null, "");
  }
}

package io.tracklab.cli;

import io.gatling.app.Gatling$;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.allure.AllureExport;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.reports.summary.SummaryPage;
import io.tracklab.simulations.ExperimentSimulation;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.run.TracklabRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs one experiment through Gatling in this JVM (the simulations' machinery: the same
 * protocol, actions, probes and gates as {@code mvn gatling:test}), with its results in
 * {@code <results>/<name>-<time>/}: {@code result.json} and {@code gatling/.../index.html}.
 */
final class ExperimentRunner {
  private final Path resultsRoot;
  private final boolean htmlReport;
  private final AllureExport allure;

  /** Results go under {@code resultsRoot}; each run also becomes an Allure result in its {@code allure-results/}. */
  ExperimentRunner(Path resultsRoot, boolean htmlReport) {
    this(resultsRoot, htmlReport, true);
  }

  /**
   * @param reports write the summary page and the Allure result beside result.json; an injector
   *     does not (the controller writes them for the merged result, and an injector's image has no
   *     fonts to draw charts with)
   */
  ExperimentRunner(Path resultsRoot, boolean htmlReport, boolean reports) {
    this.resultsRoot = resultsRoot.toAbsolutePath().normalize();
    this.htmlReport = htmlReport;
    this.allure = reports ? new AllureExport(this.resultsRoot.resolve("allure-results")) : null;
  }

  RunOutcome run(Experiment experiment) {
    // a plan that names its run (an injector's: its name) keeps it; others get <name>-<time>
    String runId = experiment.plan().runId() != null ? experiment.plan().runId() : newRunId(experiment.name());
    Path runDirectory = resultsRoot.resolve(runId);
    Path gatlingFolder = runDirectory.resolve("gatling");
    ExperimentSimulation.prepare(experiment.plan().withRunId(runId));
    System.setProperty("tracklab.results.dir", resultsRoot.toString());
    int status;
    String failure = null;
    try {
      Files.createDirectories(gatlingFolder);
      List<String> arguments = new java.util.ArrayList<>(List.of("--simulation", ExperimentSimulation.class.getName(),
          "--results-folder", gatlingFolder.toString()));
      if (!htmlReport || TracklabRun.unsupported(experiment.plan()).isPresent()) {
        arguments.add("--no-reports");
      }
      status = Gatling$.MODULE$.fromArgs(arguments.toArray(String[]::new));
      TracklabRun.latest().flatMap(TracklabRun::reportTook).ifPresent(System.out::println);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + gatlingFolder + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      status = -1;
      failure = Failures.describe(e);
      if (System.getenv("TRACKLAB_DEBUG") != null) {
        e.printStackTrace();
      }
    } finally {
      ExperimentSimulation.prepare(null);
      // a run Gatling never finished (it failed before its load) must not outlive this call
      TracklabRun.unfinished().ifPresent(run -> run.finish(true));
    }
    Path resultFile = ResultFiles.pathFor(resultsRoot, runId);
    Path report = ReportCommand.gatlingReport(gatlingFolder);
    if (!Files.isRegularFile(resultFile)) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INFRASTRUCTURE_FAILED, null, null, report,
          failure != null ? failure : "the run did not start (Gatling status " + status + "; see the errors above)");
    }
    RunResult result = ResultFiles.read(resultFile);
    if (result.isUnsupported()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.UNSUPPORTED, resultFile, null, null,
          result.run().client() + " cannot run " + result.run().topology() + ": " + result.run().unsupported());
    }
    Path summary = null;
    if (allure != null) {
      summary = SummaryPage.writeBeside(resultFile, result, report);
      allure.write("experiments", result, resultFile, summary, report);
    }
    if (result.run().interrupted() || TracklabRun.stopRequested()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.INTERRUPTED, resultFile, summary, report,
          "interrupted: the result covers the run up to the stop");
    }
    List<GateVerdict> failed = result.gates().stream().filter(gate -> !gate.passed()).toList();
    if (!failed.isEmpty()) {
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.GATE_FAILED, resultFile, summary, report,
          failed.stream().map(GateVerdict::name).collect(Collectors.joining(", ")));
    }
    if (status != 0) {
      // result.json's gates passed but one of Gatling's assertions did not (a fault step failed)
      return new RunOutcome(experiment, runId, RunOutcome.Verdict.GATE_FAILED, resultFile, summary, report,
          "Gatling's assertions failed (see above)");
    }
    return new RunOutcome(experiment, runId, RunOutcome.Verdict.PASSED, resultFile, summary, report, "");
  }

  /** {@code <name>-<yyyyMMdd-HHmmss>}, with a counter when that directory exists already. */
  String newRunId(String name) {
    String base = RunPlan.runId(name, LocalDateTime.now());
    String id = base;
    for (int n = 2; Files.exists(resultsRoot.resolve(id)); n++) {
      id = base + "-" + n;
    }
    return id;
  }
}

package io.tracklab.reports.allure;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.summary.RunCharts;
import io.tracklab.reports.summary.VisibilityCurve;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A run (an experiment or a simulation) as one Allure test result: passed when every gate passed,
 * failed when one did not, broken when it was interrupted. Its steps are the run's phases and
 * faults with their real times (start, heal, the failover measured), then one step per gate with
 * threshold and measurement; attached are result.json, the summary page and its plots (SVG),
 * linked the Gatling report. The history id stays the same across runs of one experiment on one
 * topology and client, so Allure's history and trend follow it from run to run.
 */
public final class AllureExport {
  private final Path resultsDirectory;
  private final FileSystemResultsWriter writer;

  /** @param resultsDirectory an {@code allure-results} directory (created when missing) */
  public AllureExport(Path resultsDirectory) {
    this.resultsDirectory = resultsDirectory;
    try {
      Files.createDirectories(resultsDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + resultsDirectory + ": " + e.getMessage(), e);
    }
    this.writer = new FileSystemResultsWriter(resultsDirectory);
  }

  public Path resultsDirectory() {
    return resultsDirectory;
  }

  /**
   * Writes {@code result} (read from {@code resultFile}) as a test result.
   *
   * @param suite the Allure suite, e.g. {@code experiments} or {@code simulations}
   * @param summaryPage the run's summary.html, or null
   * @param gatlingReport the run's Gatling index.html, or null
   * @return the test result's uuid
   */
  public String write(String suite, RunResult result, Path resultFile, Path summaryPage, Path gatlingReport) {
    var run = result.run();
    String name = testName(run.runId());
    long start = run.startedAtEpochMillis();
    long stop = start + run.durationMillis();
    List<GateVerdict> failed = result.gates().stream().filter(gate -> !gate.passed()).toList();
    Status status = run.interrupted() ? Status.BROKEN : failed.isEmpty() ? Status.PASSED : Status.FAILED;
    String uuid = UUID.randomUUID().toString();
    TestResult test = new TestResult()
        .setUuid(uuid)
        .setHistoryId(historyId(suite, name, run.topology(), run.client()))
        .setTestCaseId(name)
        .setName(name + " (" + run.topology() + ", " + run.client() + ")")
        .setFullName("tracklab." + suite + "." + name)
        .setStage(Stage.FINISHED)
        .setStatus(status)
        .setStart(start)
        .setStop(stop)
        .setDescription("tracklab run " + run.runId() + ": " + run.topology() + " topology (" + run.provisioner()
            + "), client " + run.client() + ", workload " + run.workload() + ".")
        .setLabels(new ArrayList<>(List.of(
            label("parentSuite", "tracklab"), label("suite", suite), label("subSuite", run.topology()),
            label("feature", run.topology()), label("story", run.client()),
            label("host", String.join(",", run.injectors())), label("framework", "tracklab"))))
        .setParameters(new ArrayList<>(List.of(new Parameter().setName("topology").setValue(run.topology()),
            new Parameter().setName("client").setValue(run.client()),
            new Parameter().setName("run id").setValue(run.runId()).setExcluded(true))));
    if (status != Status.PASSED) {
      test.setStatusDetails(new StatusDetails().setMessage(run.interrupted()
          ? "interrupted: the result covers the run up to the stop"
          : "gates failed: " + failed.stream().map(gate -> gate.name() + " (" + gate.metric() + " "
              + gate.comparison() + " " + GateVerdict.format(gate.threshold()) + ", measured " + GateVerdict.format(gate.measured()) + ")")
              .collect(Collectors.joining("; "))));
    }
    test.setSteps(steps(result, start, stop));
    List<Attachment> attachments = new ArrayList<>();
    attachments.add(attach(resultFile, "result.json", "application/json", ".json"));
    if (summaryPage != null && Files.isRegularFile(summaryPage)) {
      attachments.add(attach(summaryPage, "summary page", "text/html", ".html"));
    }
    attachments.add(attach("timeline (per second, faults shaded)", RunCharts.timeline(result)));
    VisibilityCurve curve = VisibilityCurve.of(name, result);
    if (!curve.points().isEmpty()) {
      attachments.add(attach("t-visibility", RunCharts.visibility(List.of(curve))));
    }
    test.setAttachments(attachments);
    if (gatlingReport != null) {
      test.setLinks(new ArrayList<>(List.of(new Link().setName("Gatling report").setType("link")
          .setUrl(gatlingReport.toAbsolutePath().toUri().toString()))));
    }
    writer.write(test);
    return uuid;
  }

  /** The run id without its start time: {@code latency-spike-primary-20261123-180336} → {@code latency-spike-primary}. */
  static String testName(String runId) {
    return runId.replaceFirst("-\\d{8}-\\d{6}(-\\d+)?$", "");
  }

  static String historyId(String suite, String name, String topology, String client) {
    return UUID.nameUUIDFromBytes(String.join("|", suite, name, topology, client).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  private List<StepResult> steps(RunResult result, long start, long stop) {
    var run = result.run();
    List<StepResult> steps = new ArrayList<>();
    steps.add(step("run: " + run.durationMillis() / 1000.0 + " s on " + run.topology() + " (" + run.provisioner()
        + "), client " + run.client() + (run.interrupted() ? ", interrupted" : ""),
        run.interrupted() ? Status.BROKEN : Status.PASSED, start, stop));
    for (FaultRecord fault : run.faults()) {
      long injected = start + fault.startedAtMillis();
      long healed = fault.healedAtMillis() == null ? injected : start + fault.healedAtMillis();
      StepResult step = step("fault " + fault.kind() + (fault.target() == null ? "" : " on " + fault.target())
          + " at +" + seconds(fault.startedAtMillis()) + (fault.healedAtMillis() == null ? " (stays)"
          : ", healed at +" + seconds(fault.healedAtMillis())), Status.PASSED, injected, healed);
      List<Parameter> parameters = new ArrayList<>();
      for (Map.Entry<String, Object> parameter : fault.parameters().entrySet()) {
        parameters.add(new Parameter().setName(parameter.getKey()).setValue(String.valueOf(parameter.getValue())));
      }
      step.setParameters(parameters);
      Object failover = fault.parameters().get("failoverMillis");
      if (failover instanceof Number millis && millis.longValue() >= 0) {
        long done = injected + millis.longValue();
        step.setSteps(new ArrayList<>(List.of(step("failover: first write on the new primary after "
            + seconds(millis.longValue()), Status.PASSED, injected, done))));
      }
      steps.add(step);
    }
    StepResult gates = step("gates", result.gates().stream().allMatch(GateVerdict::passed) ? Status.PASSED
        : Status.FAILED, stop, stop);
    List<StepResult> verdicts = new ArrayList<>();
    for (GateVerdict gate : result.gates()) {
      verdicts.add(step(gate.name() + ": " + gate.metric() + " " + gate.comparison() + " " + GateVerdict.format(gate.threshold())
          + ", measured " + GateVerdict.format(gate.measured()), gate.passed() ? Status.PASSED : Status.FAILED, stop, stop)
          .setParameters(new ArrayList<>(List.of(
              new Parameter().setName("threshold").setValue(gate.comparison() + " " + GateVerdict.format(gate.threshold())),
              new Parameter().setName("measured").setValue(GateVerdict.format(gate.measured()))))));
    }
    gates.setSteps(verdicts);
    steps.add(gates);
    return steps;
  }

  private static StepResult step(String name, Status status, long start, long stop) {
    return new StepResult().setName(name).setStatus(status).setStage(Stage.FINISHED).setStart(start).setStop(stop);
  }

  private static Label label(String name, String value) {
    return new Label().setName(name).setValue(value);
  }

  private Attachment attach(Path file, String name, String type, String extension) {
    try (InputStream content = Files.newInputStream(file)) {
      return attach(name, type, extension, content);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot attach " + file + ": " + e.getMessage(), e);
    }
  }

  private Attachment attach(String name, String svg) {
    return attach(name, "image/svg+xml", ".svg", new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private Attachment attach(String name, String type, String extension, InputStream content) {
    String source = UUID.randomUUID() + "-attachment" + extension;
    writer.write(source, content);
    return new Attachment().setName(name).setType(type).setSource(source);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
  }

}

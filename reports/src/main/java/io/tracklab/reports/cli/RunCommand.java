package io.tracklab.reports.cli;

import io.tracklab.harness.config.DurationText;
import io.tracklab.reports.experiment.Experiment;
import io.tracklab.reports.experiment.ExperimentFile;
import io.tracklab.simulations.run.TracklabRun;
import io.tracklab.topologies.Provisioners;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.external.ExternalTopologyFile;
import io.tracklab.topologies.external.ExternalTopologySpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracklab run <file>...}: validates every file first, then runs them one after another. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs experiment files (or shipped experiment names, see tracklab list) one after another "
        + "through Gatling, printing progress every second. Every run leaves <results>/<name>-<time>/ with "
        + "result.json and Gatling's HTML report.",
        "All files are validated before anything runs. Ctrl-C stops the run: faults heal, the load stops, "
        + "a partial result marked interrupted is written and every process is stopped."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every experiment passed its gates", "1:a gate failed", "2:bad input; nothing ran",
        "3:infrastructure failure (a topology did not start, Gatling failed)",
        "130:interrupted by Ctrl-C (SIGINT)", "143:terminated by SIGTERM"})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "<experiment>", description = "experiment files or shipped names")
  List<String> experiments;

  @Option(names = "--duration", paramLabel = "<duration>", converter = DurationConverter.class,
      description = "run each experiment this long instead of its own duration, e.g. 10s "
          + "(its faults must still fit)")
  Duration duration;

  @Option(names = "--results", paramLabel = "<dir>", defaultValue = "tracklab-results",
      description = "where each run's directory goes (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(names = "--provisioner", paramLabel = "<name>", defaultValue = "auto",
      description = "auto (Docker when available, else local processes), local, containers or external "
          + "(default: ${DEFAULT-VALUE})")
  String provisioner;

  @Option(names = "--topology-file", paramLabel = "<file>",
      description = "the external topology file (with --provisioner external; docs/external-topology.md)")
  Path topologyFile;

  @Option(names = "--no-html-report", description = "skip Gatling's HTML report (result.json is always written)")
  boolean noHtmlReport;

  @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "auto",
      description = "auto (a line rewritten in place on a terminal, plain lines otherwise), tty, plain or off")
  String progress;

  @Override
  public Integer call() {
    if (!List.of("auto", "tty", "plain", "off").contains(progress)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--progress=" + progress + ": expected auto, tty, plain or off");
    }
    if (!List.of("auto", "local", "containers", "external").contains(provisioner)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--provisioner=" + provisioner + ": expected auto, local, containers or external");
    }
    if (duration != null && duration.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--duration=0: must be longer than 0");
    }
    List<Experiment> loaded = ExperimentSources.readAll(experiments, new ExperimentFile.Overrides(duration,
        externalNodeNames()));
    System.setProperty(Provisioners.PROPERTY, provisioner);
    if (topologyFile != null) {
      System.setProperty(ExternalProvisioner.FILE_PROPERTY, topologyFile.toAbsolutePath().toString());
    }
    PrintStream out = System.out;
    StatusLine status = progress.equals("tty") || (progress.equals("auto") && System.console() != null)
        ? new StatusLine(out) : null;
    if (status != null) {
      System.setOut(status.around(out));
      System.setErr(status.around(System.err));
    }
    StopOnSignal.install(System.out);
    ExperimentRunner runner = new ExperimentRunner(results, !noHtmlReport);
    List<RunOutcome> outcomes = new ArrayList<>();
    try (ProgressReporter ignored = progress.equals("off") ? null : new ProgressReporter(System.out, status)) {
      for (int index = 0; index < loaded.size() && !TracklabRun.stopRequested(); index++) {
        Experiment experiment = loaded.get(index);
        System.out.printf("%n=== tracklab run %d/%d: %s (%s)%n", index + 1, loaded.size(), experiment.name(),
            experiment.source());
        RunOutcome outcome = runner.run(experiment);
        outcomes.add(outcome);
        System.out.println(describe(outcome));
      }
    }
    if (status != null) {
      System.setOut(out);
    }
    if (outcomes.size() > 1) {
      System.out.println("\n=== summary");
      outcomes.forEach(outcome -> System.out.println(describe(outcome)));
    }
    return exitCode(outcomes);
  }

  /** The node names of {@code --topology-file}, which faults may name; null for tracklab's own topologies. */
  private List<String> externalNodeNames() {
    if (!provisioner.equals("external")) {
      if (topologyFile != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--topology-file needs --provisioner external");
      }
      return null;
    }
    if (topologyFile == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--provisioner external needs --topology-file <file> (docs/external-topology.md)");
    }
    try {
      return ExternalTopologyFile.load(topologyFile).nodes().stream().map(ExternalTopologySpec.Node::name).toList();
    } catch (TopologyException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String describe(RunOutcome outcome) {
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

  /** A signal decides first; then the worst verdict: infrastructure over gates over passing. */
  private static int exitCode(List<RunOutcome> outcomes) {
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

  /** Durations as experiment files write them: 10s, 1.5m, 500ms. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationText.tryParse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write it like 10s, 1.5m or 500ms"));
    }
  }
}

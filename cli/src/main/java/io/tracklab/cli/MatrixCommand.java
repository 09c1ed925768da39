package io.tracklab.cli;

import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentException;
import io.tracklab.cli.experiment.ExperimentFile;
import io.tracklab.cli.experiment.ExperimentProblem;
import io.tracklab.reports.matrix.MatrixCell;
import io.tracklab.reports.matrix.SideBySideTable;
import io.tracklab.reports.summary.MatrixPage;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.settings.RunSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracklab matrix}: the same experiments with every client, one after another, and one
 * side-by-side table of what each client did under each fault (Markdown and an HTML page).
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = {"Runs each experiment once per client (default: the shipped comparison set, "
        + "experiments/compare/, with every client) and writes one side-by-side table: "
        + "<results>/matrix-<time>/side-by-side.md and side-by-side.html, each cell's run in its own directory.",
        "A client that cannot run an experiment's topology gets an 'unsupported' row with the reason. Peer "
        + "clients' failed gates are results, shown in the table; only tracklab's client must pass its gates."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every cell ran (or is unsupported) and tracklab's client passed its gates in every cell",
        "1:tracklab's client failed a gate in some cell", "2:bad input; nothing ran",
        "3:infrastructure failure in some cell (a topology did not start, Gatling failed)",
        "130:interrupted by Ctrl-C (SIGINT)", "143:terminated by SIGTERM"})
final class MatrixCommand implements Callable<Integer> {
  static final String OURS = "tracklab";

  @Parameters(arity = "0..*", paramLabel = "<experiment>",
      description = "experiment files (default: the shipped comparison set)")
  List<String> experiments = new ArrayList<>();

  @Option(names = "--clients", split = ",", paramLabel = "<client>",
      description = "the clients, comma-separated (default: all: tracklab, tracklab-bcast, tracklab-optin, ttl, none, lettuce-csc, jedis-csc, redisson)")
  List<String> clients = new ArrayList<>(RunSettings.CLIENTS);

  @Option(names = "--html-report", description = "also write Gatling's HTML report of every cell (slower)")
  boolean htmlReport;

  @CommandLine.Mixin
  RunOptions options;

  @Override
  public Integer call() {
    for (String client : clients) {
      if (!RunSettings.CLIENTS.contains(client)) {
        throw new CommandLine.ParameterException(options.spec.commandLine(), "--clients: " + client
            + " is not a client: expected " + String.join(", ", RunSettings.CLIENTS));
      }
    }
    ExperimentFile.Overrides overrides = options.check();
    List<Experiment> loaded = experiments.isEmpty() ? comparisonSet(overrides)
        : ExperimentSources.readAll(experiments, overrides);
    options.checkExternalTopology(loaded);
    ExperimentSources.requireOneInjector("matrix", loaded);
    List<Experiment> cells = new ArrayList<>();
    List<String> experimentOf = new ArrayList<>();
    for (Experiment experiment : loaded) {
      for (String client : clients) {
        RunPlan plan = experiment.plan().withClient(client, experiment.name() + "-" + client);
        cells.add(new Experiment(experiment.source(), experiment.description(), plan));
        experimentOf.add(experiment.name());
      }
    }
    options.applyProvisioner();
    Path directory = matrixDirectory(options.results.toAbsolutePath().normalize());
    System.out.printf("tracklab matrix: %d experiments x %d clients = %d runs, into %s%n", loaded.size(),
        clients.size(), cells.size(), directory);
    ExperimentRunner runner = new ExperimentRunner(directory, htmlReport);
    List<RunOutcome> outcomes = RunSession.runAll(cells, runner, options.progress, outcome -> { });
    List<MatrixCell> table = new ArrayList<>();
    for (int i = 0; i < outcomes.size(); i++) {
      table.add(cell(experimentOf.get(i), clientOf(outcomes.get(i)), outcomes.get(i), directory));
    }
    List<String> about = About.of(loaded.size(), clients, options.duration, commandLine());
    writeTable(directory, table, about);
    return exitCode(outcomes);
  }

  private static List<Experiment> comparisonSet(ExperimentFile.Overrides overrides) {
    List<Experiment> set = new ArrayList<>();
    List<ExperimentProblem> problems = new ArrayList<>();
    for (ShippedExperiments.Shipped shipped : ShippedExperiments.comparison()) {
      try {
        set.add(ExperimentFile.parse(shipped.source(), shipped.text(), overrides));
      } catch (ExperimentException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems);
    }
    if (set.isEmpty()) {
      throw new IllegalStateException("no comparison experiments in this build (experiments/compare/)");
    }
    return set;
  }

  private static Path matrixDirectory(Path results) {
    String base = RunPlan.runId("matrix", LocalDateTime.now());
    Path directory = results.resolve(base);
    for (int n = 2; Files.exists(directory); n++) {
      directory = results.resolve(base + "-" + n);
    }
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory + ": " + e.getMessage(), e);
    }
  }

  private static MatrixCell cell(String experiment, String client, RunOutcome outcome, Path directory) {
    String summary = outcome.summaryPage() == null ? null
        : directory.relativize(outcome.summaryPage().toAbsolutePath()).toString();
    return switch (outcome.verdict()) {
      case PASSED -> new MatrixCell(experiment, client, MatrixCell.Status.PASSED, read(outcome), "", summary);
      case GATE_FAILED -> new MatrixCell(experiment, client, MatrixCell.Status.GATES_FAILED, read(outcome),
          outcome.detail(), summary);
      case UNSUPPORTED -> new MatrixCell(experiment, client, MatrixCell.Status.UNSUPPORTED, null,
          read(outcome).run().unsupported(), null);
      case INFRASTRUCTURE_FAILED, INTERRUPTED -> new MatrixCell(experiment, client, MatrixCell.Status.FAILED, null,
          outcome.detail(), summary);
    };
  }

  private static String clientOf(RunOutcome outcome) {
    return outcome.experiment().plan().settings().client();
  }

  private static RunResult read(RunOutcome outcome) {
    return ResultFiles.read(outcome.resultFile());
  }

  private String commandLine() {
    List<String> words = new ArrayList<>(List.of("tracklab", "matrix"));
    if (options.duration != null) {
      words.add("--duration " + io.tracklab.harness.config.DurationText.format(options.duration));
    }
    if (!clients.equals(RunSettings.CLIENTS)) {
      words.add("--clients " + String.join(",", clients));
    }
    words.addAll(experiments);
    return String.join(" ", words);
  }

  private static void writeTable(Path directory, List<MatrixCell> cells, List<String> about) {
    String markdown = String.join("\n", about) + "\n\n" + SideBySideTable.markdown(cells);
    Path markdownFile = directory.resolve("side-by-side.md");
    try {
      Files.writeString(markdownFile, markdown);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + markdownFile + ": " + e.getMessage(), e);
    }
    Path page = directory.resolve(MatrixPage.FILE_NAME);
    MatrixPage.write(page, cells, about);
    System.out.printf("%n=== side by side%n%s%n    table %s%n    page  %s%n", markdown, markdownFile, page);
  }

  /**
   * A signal decides first, then an infrastructure failure anywhere, then tracklab's own gates:
   * peers failing gates (serving stale data during a partition, say) is what the table shows.
   */
  private static int exitCode(List<RunOutcome> outcomes) {
    if (StopOnSignal.exitCode() != 0) {
      return StopOnSignal.exitCode();
    }
    int code = ExitCodes.PASSED;
    for (RunOutcome outcome : outcomes) {
      switch (outcome.verdict()) {
        case INFRASTRUCTURE_FAILED -> code = ExitCodes.INFRASTRUCTURE;
        case INTERRUPTED -> code = code == ExitCodes.INFRASTRUCTURE ? code : ExitCodes.INTERRUPTED;
        case GATE_FAILED -> {
          // tracklab's own client in each of its tracking modes: the matrix fails with it
          if (clientOf(outcome).startsWith(OURS) && code == ExitCodes.PASSED) {
            code = ExitCodes.GATE_FAILED;
          }
        }
        default -> { }
      }
    }
    return code;
  }
}

package io.tracklab.cli;

import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.summary.SummaryPage;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracklab report <result.json>...}: the summary page of one run, or several side by side. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes the self-contained summary page (HTML, charts inline, no network) of runs: "
        + "gates, per-second timeline with fault windows and failovers, staleness and invalidation-delay "
        + "distributions, the t-visibility curve, counters.",
        "One result: summary.html beside it (or --output). Several: one page with them side by side and "
        + "their t-visibility curves overlaid (--output, default tracklab-report.html). A run directory "
        + "stands for the result.json in it."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:page written", "2:a file is missing or not a result.json"})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "<result.json>", description = "result files or run directories")
  List<Path> results;

  @Option(names = {"-o", "--output"}, paramLabel = "<file.html>", description = "where to write the page")
  Path output;

  @Override
  public Integer call() {
    List<SummaryPage.Run> runs = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path argument : results) {
      Path file = Files.isDirectory(argument) ? argument.resolve("result.json") : argument;
      files.add(file);
    }
    Path page = output != null ? output
        : files.size() == 1 ? files.get(0).resolveSibling(SummaryPage.FILE_NAME) : Path.of("tracklab-report.html");
    Path pageDirectory = page.toAbsolutePath().getParent();
    for (Path file : files) {
      RunResult result = read(file);
      Path gatling = gatlingReport(file.toAbsolutePath().getParent().resolve("gatling"));
      runs.add(new SummaryPage.Run(files.size() == 1 ? result.run().runId() : label(file, result),
          result, relative(pageDirectory, file), gatling == null ? null : relative(pageDirectory, gatling)));
    }
    try {
      Files.createDirectories(pageDirectory);
    } catch (java.io.IOException e) {
      throw new UncheckedIOException("cannot create " + pageDirectory + ": " + e.getMessage(), e);
    }
    SummaryPage.write(page, runs);
    PrintWriter out = spec.commandLine().getOut();
    out.println("summary written to " + page.toAbsolutePath());
    out.flush();
    return ExitCodes.PASSED;
  }

  private RunResult read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new CommandLine.ParameterException(spec.commandLine(), file + ": no such file");
    }
    try {
      return ResultFiles.read(file);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          file + ": not a tracklab result.json: " + Failures.describe(e));
    }
  }

  private static String label(Path file, RunResult result) {
    return result.run().runId() + " (" + result.run().client() + ")";
  }

  private static String relative(Path from, Path to) {
    return from.relativize(to.toAbsolutePath()).toString().replace('\\', '/');
  }

  /** Gatling's index.html under a run's gatling/ folder, if there is one. */
  static Path gatlingReport(Path folder) {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    try (Stream<Path> files = Files.walk(folder, 2)) {
      return files.filter(file -> file.getFileName().toString().equals("index.html")).findFirst().orElse(null);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}

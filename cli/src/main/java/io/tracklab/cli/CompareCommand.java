package io.tracklab.cli;

import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.compare.Comparison;
import io.tracklab.reports.compare.ComparisonTable;
import io.tracklab.reports.compare.RunMetrics;
import io.tracklab.reports.compare.Tolerance;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tracklab compare <baseline> <current>}: every metric of two results side by side with its
 * delta and verdict; exit 1 when one regressed beyond the tolerance (a CI performance gate).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Compares a run's result.json with a baseline's: every metric (throughput, hit ratio, failed "
        + "operations, local and remote read latency, stale reads, violations, staleness age, invalidation "
        + "delay, failover time, lost writes) with its delta and a verdict. A metric regresses when it gets "
        + "worse than the baseline by more than the tolerance (a percentage of the baseline's value) and by more "
        + "than its noise floor; any increase of violations regresses.",
        "Runs with a different topology, provisioner, client, workload or faults are still compared, with a "
        + "warning line for each difference."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no metric regressed beyond the tolerance", "1:at least one metric regressed (each is listed)",
        "2:bad input: a file missing or not a tracklab result.json, a bad --tolerance"})
final class CompareCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<baseline>",
      description = "the baseline's result.json (or its run directory)")
  String baseline;

  @Parameters(index = "1", paramLabel = "<current>",
      description = "the current run's result.json (or its run directory)")
  String current;

  @Option(names = "--tolerance", paramLabel = "<tolerance>", split = ",",
      description = "how much worse than the baseline a metric may get: <percent>%% for every metric, "
          + "<metric>=<percent>%% for one; repeatable or comma-separated (default: 25%% (throughput_ops 40%%); "
          + "e.g. --tolerance 10%% --tolerance remote_read_p99_ms=50%%)")
  List<String> tolerances = new ArrayList<>();

  @Option(names = "--markdown", description = "print a Markdown table (for a pull-request comment) instead of text")
  boolean markdown;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Tolerance tolerance = tolerance();
    List<String> problems = new ArrayList<>();
    RunResult before = load("baseline", baseline, problems);
    RunResult after = load("current", current, problems);
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println("tracklab compare: " + problem));
      err.flush();
      return ExitCodes.BAD_INPUT;
    }
    Comparison comparison = Comparison.of(before, after, tolerance);
    out.print(markdown ? ComparisonTable.markdown(comparison, baseline, current)
        : ComparisonTable.text(comparison, baseline, current));
    out.flush();
    return comparison.regressed() ? ExitCodes.GATE_FAILED : ExitCodes.PASSED;
  }

  private Tolerance tolerance() {
    try {
      return Tolerance.parse(tolerances);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--tolerance " + e.getMessage());
    }
  }

  /**
   * The result at {@code argument} (a file, or a run directory holding {@code result.json}); null
   * with a problem naming the file and what is wrong when there is none.
   */
  private static RunResult load(String role, String argument, List<String> problems) {
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      Path inside = path.resolve(ResultFiles.FILE_NAME);
      if (!Files.isRegularFile(inside)) {
        problems.add(role + " " + path + ": a directory without a " + ResultFiles.FILE_NAME);
        return null;
      }
      path = inside;
    } else if (!Files.exists(path)) {
      problems.add(role + " " + path + ": no such file");
      return null;
    }
    try {
      RunResult result = ResultFiles.read(path);
      RunMetrics.of(result);
      return result;
    } catch (IllegalArgumentException e) {
      problems.add(role + " " + (e.getMessage().startsWith(path.toString()) ? "" : path + ": ") + e.getMessage());
    } catch (UncheckedIOException e) {
      problems.add(role + " " + path + ": cannot read: " + e.getCause().getMessage());
    }
    return null;
  }
}

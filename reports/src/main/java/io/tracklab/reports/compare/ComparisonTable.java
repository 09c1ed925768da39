package io.tracklab.reports.compare;

import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A {@link Comparison} for people: which runs, what differs between them, one row per metric
 * (baseline, current, delta, allowed worsening, verdict) and the outcome. {@link #text} aligns
 * columns for a terminal or a CI log; {@link #markdown} is a pull-request comment.
 */
public final class ComparisonTable {
  private static final List<String> HEADER =
      List.of("metric", "unit", "baseline", "current", "delta", "allowed", "verdict");
  /** Columns aligned right (numbers); the others left. */
  private static final boolean[] RIGHT = {false, false, true, true, true, true, false};

  private ComparisonTable() {}

  /** Aligned plain text. {@code baselineName} and {@code currentName} say where the results came from. */
  public static String text(Comparison comparison, String baselineName, String currentName) {
    StringBuilder text = new StringBuilder();
    text.append("baseline  ").append(baselineName).append(": ").append(describe(comparison.baseline())).append('\n');
    text.append("current   ").append(currentName).append(": ").append(describe(comparison.current())).append('\n');
    text.append("tolerance ").append(tolerance(comparison.tolerance())).append('\n');
    comparison.warnings().forEach(warning -> text.append("warning: ").append(warning).append('\n'));
    text.append('\n');
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    comparison.metrics().forEach(metric -> rows.add(cells(metric)));
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int column = 0; column < row.size(); column++) {
        widths[column] = Math.max(widths[column], row.get(column).length());
      }
    }
    for (int index = 0; index < rows.size(); index++) {
      List<String> row = rows.get(index);
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < row.size(); column++) {
        String cell = row.get(column);
        String pad = " ".repeat(widths[column] - cell.length());
        line.append(column == 0 ? "" : "  ").append(RIGHT[column] && index > 0 ? pad + cell : cell + pad);
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    text.append('\n').append(outcome(comparison, false));
    return text.toString();
  }

  /** A Markdown table with the same content, the regressed verdicts in bold. */
  public static String markdown(Comparison comparison, String baselineName, String currentName) {
    StringBuilder text = new StringBuilder("### tracklab compare\n\n");
    text.append("- baseline `").append(baselineName).append("`: ").append(describe(comparison.baseline())).append('\n');
    text.append("- current `").append(currentName).append("`: ").append(describe(comparison.current())).append('\n');
    text.append("- tolerance: ").append(tolerance(comparison.tolerance())).append('\n');
    comparison.warnings().forEach(warning -> text.append("- **warning:** ").append(warning).append('\n'));
    text.append('\n');
    text.append(markdownRow(HEADER));
    StringBuilder rule = new StringBuilder("|");
    for (boolean right : RIGHT) {
      rule.append(right ? "---:|" : "---|");
    }
    text.append(rule).append('\n');
    for (MetricComparison metric : comparison.metrics()) {
      List<String> cells = new ArrayList<>(cells(metric));
      cells.set(0, "`" + cells.get(0) + "`");
      if (metric.verdict() == Verdict.REGRESSED) {
        cells.set(cells.size() - 1, "**" + cells.get(cells.size() - 1) + "**");
      }
      text.append(markdownRow(cells));
    }
    text.append('\n').append(outcome(comparison, true));
    return text.toString();
  }

  private static String markdownRow(List<String> cells) {
    return "| " + String.join(" | ", cells.stream().map(cell -> cell.replace("|", "\\|")).toList()) + " |\n";
  }

  private static List<String> cells(MetricComparison row) {
    Metric metric = row.metric();
    return List.of(metric.name(), metric.unit(), value(metric, row.baseline()), value(metric, row.current()),
        delta(row), allowed(row), row.verdictText());
  }

  /** The outcome: every regressed metric on its own line, or that there is none. */
  private static String outcome(Comparison comparison, boolean markdown) {
    List<MetricComparison> regressions = comparison.regressions();
    long compared = comparison.metrics().stream().filter(metric -> metric.verdict() != Verdict.NOT_COMPARED).count();
    if (regressions.isEmpty()) {
      return (markdown ? "**PASSED**" : "PASSED") + ": no regression beyond the tolerance (" + compared + " of "
          + comparison.metrics().size() + " metrics compared)\n";
    }
    StringBuilder text = new StringBuilder(markdown ? "**REGRESSED**" : "REGRESSED").append(": ")
        .append(regressions.size()).append(" of ").append(compared)
        .append(" metrics compared got worse than the tolerance allows:\n");
    for (MetricComparison regression : regressions) {
      Metric metric = regression.metric();
      text.append(markdown ? "- `" + metric.name() + "`" : "  " + metric.name()).append(" (").append(metric.label())
          .append("): ").append(value(metric, regression.baseline())).append(" -> ")
          .append(value(metric, regression.current())).append(' ').append(metric.unit()).append(", ")
          .append(delta(regression)).append("; allowed ").append(allowed(regression)).append('\n');
    }
    return text.toString();
  }

  /** The run in one line: its id, where and how it ran, how long, its faults. */
  static String describe(RunResult result) {
    RunMetadata run = result.run();
    if (run == null) {
      return "(no run section)";
    }
    return run.runId() + " (" + run.topology() + ", " + run.provisioner() + ", client " + run.client() + ", "
        + String.format(Locale.ROOT, "%.1f s", run.durationMillis() / 1000.0) + ", faults: "
        + ConfigurationDifferences.describe(run.faults()) + (run.interrupted() ? ", INTERRUPTED" : "") + ")";
  }

  private static String tolerance(Tolerance tolerance) {
    return tolerance.describe() + " of the baseline's value, at least each metric's noise floor; "
        + "violations: any increase";
  }

  private static String value(Metric metric, OptionalDouble value) {
    return value.isEmpty() ? "-" : number(value.getAsDouble(), metric.decimals());
  }

  /** {@code +0.412 (+12.4%)}; without the percentage when the baseline is 0. */
  private static String delta(MetricComparison row) {
    OptionalDouble delta = row.delta();
    if (delta.isEmpty()) {
      return "-";
    }
    String absolute = signed(delta.getAsDouble(), row.metric().decimals());
    OptionalDouble percent = row.deltaPercent();
    return percent.isEmpty() ? absolute : absolute + " (" + signed(percent.getAsDouble(), 1) + "%)";
  }

  /** The worsening allowed, signed the way the metric gets worse, and what set it (the tolerance or the noise floor). */
  private static String allowed(MetricComparison row) {
    Metric metric = row.metric();
    if (metric.anyIncreaseRegresses()) {
      return "none";
    }
    OptionalDouble allowed = row.allowedWorsening();
    if (allowed.isEmpty()) {
      return "-";
    }
    String sign = metric.better() == Better.LOWER ? "+" : "-";
    boolean floor = allowed.getAsDouble() == metric.noiseFloor()
        && metric.noiseFloor() > row.tolerancePercent() / 100 * metric.relativeTo().base(row.baseline().getAsDouble());
    return sign + number(allowed.getAsDouble(), metric.decimals()) + " ("
        + (floor ? "floor" : Tolerance.format(row.tolerancePercent())) + ")";
  }

  /** With its sign, also when rounding hides the change ({@code -0.0}); exactly 0 has none. */
  private static String signed(double value, int decimals) {
    return (value < 0 ? "-" : value > 0 ? "+" : "") + number(Math.abs(value), decimals);
  }

  private static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}

package io.tracklab.reports.matrix;

import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.compare.RunMetrics;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The side-by-side table of a comparison matrix: for every experiment (a fault on a topology) one
 * row per client, with the figures a team choosing a near-cache asks for. Every figure is read
 * from the cell's {@code result.json} through {@link RunMetrics}, as {@code tracklab compare}
 * reads it; a figure a run did not measure (no invalidation events from a client that exposes
 * none, no failover without one) shows as "–".
 */
public final class SideBySideTable {
  /** One column: its heading, and the figure in a result. */
  record Column(String heading, int decimals, Function<RunResult, OptionalDouble> figure) {}

  static final List<Column> COLUMNS = List.of(
      column("ops/s", 0, "throughput_ops"),
      column("hit ratio %", 1, "hit_ratio_pct"),
      new Column("local hit p50 µs", 1, result -> times(RunMetrics.percentileMillis(result, "local_read", "p50"), 1000)),
      column("local hit p99 µs", 1, "local_read_p99_us"),
      column("remote p99 ms", 2, "remote_read_p99_ms"),
      column("failed ops %", 2, "failed_ops_pct"),
      new Column("stale reads", 0, result -> counter(result, "stale_reads")),
      column("staleness p99 ms", 1, "staleness_age_p99_ms"),
      column("staleness max ms", 1, "staleness_age_max_ms"),
      column("beyond bound", 0, "violations"),
      column("invalidation p99 ms", 2, "invalidation_delay_p99_ms"),
      column("failover ms", 0, "failover_max_ms"),
      column("lost acked writes", 0, "lost_writes"));

  private static final String NONE = "–";

  private SideBySideTable() {}

  private static Column column(String heading, int decimals, String metric) {
    var known = RunMetrics.named(metric).orElseThrow(() -> new IllegalStateException("no metric " + metric));
    return new Column(heading, decimals, known::valueIn);
  }

  private static OptionalDouble times(OptionalDouble value, double factor) {
    return value.isPresent() ? OptionalDouble.of(value.getAsDouble() * factor) : value;
  }

  private static OptionalDouble counter(RunResult result, String name) {
    Long value = result.counters().get(name);
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /** The headings, in order: experiment, client, the figures, the verdict. */
  public static List<String> headings() {
    List<String> headings = new java.util.ArrayList<>(List.of("experiment", "client"));
    COLUMNS.forEach(column -> headings.add(column.heading()));
    headings.add("gates");
    return headings;
  }

  /** One cell's row, as text: a figure per column, or the reason nothing was measured. */
  public static List<String> row(MatrixCell cell) {
    List<String> row = new java.util.ArrayList<>(List.of(cell.experiment(), cell.client()));
    if (!cell.measured()) {
      String why = (cell.status() == MatrixCell.Status.UNSUPPORTED ? "unsupported: " : "failed: ") + cell.detail();
      for (int i = 0; i < COLUMNS.size(); i++) {
        row.add(i == 0 ? why : "");
      }
      row.add(cell.status() == MatrixCell.Status.UNSUPPORTED ? "unsupported" : "failed");
      return row;
    }
    for (Column column : COLUMNS) {
      OptionalDouble value = column.figure().apply(cell.result());
      row.add(value.isPresent() ? format(value.getAsDouble(), column.decimals()) : NONE);
    }
    row.add(cell.status() == MatrixCell.Status.PASSED ? "pass" : "FAIL: " + cell.detail());
    return row;
  }

  static String format(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /**
   * The table in GitHub Markdown. A cell without measurements says why in its first figure
   * column and leaves the others empty.
   */
  public static String markdown(List<MatrixCell> cells) {
    StringBuilder text = new StringBuilder();
    List<String> headings = headings();
    text.append("| ").append(String.join(" | ", headings)).append(" |\n|");
    for (int i = 0; i < headings.size(); i++) {
      text.append(i < 2 ? " --- |" : " ---: |");
    }
    text.append('\n');
    for (MatrixCell cell : cells) {
      text.append("| ").append(String.join(" | ", row(cell).stream().map(SideBySideTable::markdownCell).toList()))
          .append(" |\n");
    }
    return text.toString();
  }

  private static String markdownCell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}

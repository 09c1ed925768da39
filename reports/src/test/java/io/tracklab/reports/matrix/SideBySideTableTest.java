package io.tracklab.reports.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.compare.SyntheticRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTableTest {
  private static final int BEYOND_BOUND = SideBySideTable.headings().indexOf("beyond bound");

  private static MatrixCell ran(String client, RunResult result) {
    return new MatrixCell("silent-partition", client, MatrixCell.Status.PASSED, result, "", null);
  }

  @Test
  void aRow_showsEachFigureOfItsResult_inTheColumnsUnits() {
    RunResult result = SyntheticRun.baseline().counter("stale_reads", 1234).counter("violations", 7)
        .histogram("local_read_ns", "ns", 1_500, 4_800, 9_000)
        .fault("kill", "current-primary", Map.of("failoverMillis", 2345)).result();
    List<String> row = SideBySideTable.row(ran("tracklab", result));
    List<String> headings = SideBySideTable.headings();

    assertThat(row).hasSameSizeAs(headings);
    assertThat(row.get(headings.indexOf("experiment"))).isEqualTo("silent-partition");
    assertThat(row.get(headings.indexOf("hit ratio %"))).isEqualTo("86.8");
    assertThat(row.get(headings.indexOf("local hit p50 µs"))).isEqualTo("1.5");
    assertThat(row.get(headings.indexOf("local hit p99 µs"))).isEqualTo("4.8");
    assertThat(row.get(headings.indexOf("remote p99 ms"))).isEqualTo("3.30");
    assertThat(row.get(headings.indexOf("stale reads"))).isEqualTo("1,234");
    assertThat(row.get(headings.indexOf("staleness p99 ms"))).isEqualTo("4.4");
    assertThat(row.get(BEYOND_BOUND)).isEqualTo("7");
    assertThat(row.get(headings.indexOf("invalidation p99 ms"))).isEqualTo("1.44");
    assertThat(row.get(headings.indexOf("failover ms"))).isEqualTo("2,345");
    assertThat(row.get(headings.indexOf("lost acked writes"))).isEqualTo("0");
    assertThat(row.get(headings.indexOf("gates"))).isEqualTo("pass");
  }

  @Test
  void figuresARunDidNotMeasure_showAsADash() {
    RunResult noCache = SyntheticRun.baseline().client("none").withoutHistogram("local_read_ns")
        .withoutHistogram("invalidation_delay_us").result();
    List<String> row = SideBySideTable.row(ran("none", noCache));
    List<String> headings = SideBySideTable.headings();
    assertThat(row.get(headings.indexOf("local hit p99 µs"))).isEqualTo("–");
    assertThat(row.get(headings.indexOf("invalidation p99 ms"))).isEqualTo("–");
    assertThat(row.get(headings.indexOf("failover ms"))).isEqualTo("–");
  }

  @Test
  void anUnsupportedCell_saysWhyInsteadOfFigures_andTheMarkdownHasOneLinePerCell() {
    RunMetadata would = SyntheticRun.baseline().topology("cluster").client("lettuce-csc").result().run();
    RunResult unsupported = RunResult.unsupported(would, "no Cluster support");
    MatrixCell cell = new MatrixCell("slot-migration", "lettuce-csc", MatrixCell.Status.UNSUPPORTED, null,
        unsupported.run().unsupported(), null);
    MatrixCell failedGates = new MatrixCell("slot-migration", "ttl", MatrixCell.Status.GATES_FAILED,
        SyntheticRun.baseline().counter("violations", 40).result(), "staleness beyond bound", null);

    String markdown = SideBySideTable.markdown(List.of(cell, failedGates));

    List<String> lines = markdown.lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0)).startsWith("| experiment | client | ops/s |").endsWith("| gates |");
    assertThat(lines.get(2)).startsWith("| slot-migration | lettuce-csc | unsupported: no Cluster support |")
        .endsWith("| unsupported |");
    assertThat(lines.get(3)).contains("| 40 |").endsWith("| FAIL: staleness beyond bound |");
    assertThat(unsupported.isUnsupported()).isTrue();
    assertThat(unsupported.counters()).isEmpty();
  }
}

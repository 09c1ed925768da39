package io.tracklab.reports.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.result.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SummaryPageTest {
  private static MetricHistogram micros(long... values) {
    Histogram histogram = new Histogram(3);
    for (long value : values) {
      histogram.recordValue(value);
    }
    return MetricHistogram.of("us", histogram);
  }

  private static MetricHistogram nanos(long... values) {
    Histogram histogram = new Histogram(3);
    for (long value : values) {
      histogram.recordValue(value);
    }
    return MetricHistogram.of("ns", histogram);
  }

  /** {@code count} reads at each of {@code micros}. */
  private static MetricHistogram many(int count, long... micros) {
    Histogram histogram = new Histogram(3);
    for (long value : micros) {
      histogram.recordValueWithCount(value, count);
    }
    return MetricHistogram.of("us", histogram);
  }

  private static RunResult result(String client, boolean interrupted, boolean gatePassed) {
    List<TimelinePoint> timeline = new ArrayList<>();
    for (int second = 0; second < 10; second++) {
      timeline.add(new TimelinePoint(second, 900, 100, 800, second == 5 ? 3 : 0, micros(200, 300, 5_000)));
    }
    return new RunResult(RunResult.SCHEMA,
        new RunMetadata("demo-20261123-120000", 1_700_000_000_000L, 10_000, "sentinel", "local", client,
            Map.of("keys", 1000, "distribution", "zipf:0.99", "readRatio", 0.9, "valueSize", 64, "targetRate", 3000.0),
            List.of(
                new FaultRecord("kill", "primary", 3_000, 6_000L, Map.of("failoverMillis", 2_100L)),
                new FaultRecord("sentinel-failover", null, 7_000, null, Map.of())),
            List.of("host"), interrupted),
        Map.of("staleness_age_us", micros(100, 40_000), "invalidation_delay_us", micros(150, 250, 900),
            "remote_read_us", micros(300, 400), "local_read_ns", nanos(900, 1_500, 40_000), VisibilityCurve.VISIBLE, many(30, 50, 900, 12_000),
            VisibilityCurve.STALE, many(25, 700)),
        Map.of("reads", 9_000L, "writes", 1_000L, "hits", 8_000L, "stale_reads", 3L, "violations", 0L),
        timeline,
        List.of(new GateVerdict("staleness beyond bound", "violations (stale reads older than 550 ms)", "==", 0, 0, true),
            new GateVerdict("remote read p99", "remote_read_us p99, ms", "<=", 50, gatePassed ? 0.4 : 75.5, gatePassed)));
  }

  @Test
  void onePage_hasTheGatesFaultsPlotsAndCounters_andNothingToFetch() {
    String page = SummaryPage.render(List.of(new SummaryPage.Run("demo", result("tracklab", false, true),
        "result.json", "gatling/x/index.html")));

    assertThat(page).contains("<span class=\"verdict passed\">PASSED</span>",
        "<td class=\"threshold\">&lt;= 50</td><td class=\"measured\">0.4</td><td>PASS</td>",
        "<tr class=\"fault\"><td>kill</td><td>primary</td><td>3</td><td>6</td>",
        "<tr class=\"fault\"><td>sentinel-failover</td><td></td><td>7</td><td>—</td>",
        "failover 2.10 s", "kill primary", "href=\"result.json\"", "href=\"gatling/x/index.html\"",
        "<th>stale_reads</th><td>3</td>",
        "Workload: 1,000 keys, picked with a Zipf skew of 0.99; 90% reads, 10% writes; 64-byte values; 3,000 "
            + "operations a second targeted.",
        "<h3>What the near-cache buys</h3>",
        "3 values; p50 1.5µs, p99 40µs, max 40µs", // local hits, recorded in nanoseconds
        "2 values; p50 300µs, p99 400µs");
    assertThat(page.split("<svg", -1)).as("timeline, 4 distributions, t-visibility").hasSize(7);
    assertThat(page).doesNotContain("<script").doesNotContainPattern("(src|href)=\"https?:");
  }

  @Test
  void aFailedGate_andAnInterruptedRun_sayso() {
    assertThat(SummaryPage.render(List.of(new SummaryPage.Run("demo", result("tracklab", false, false), null, null))))
        .contains("verdict failed\">FAILED", "<tr class=\"fail\">", "75.5</td><td>FAIL</td>");
    assertThat(SummaryPage.render(List.of(new SummaryPage.Run("demo", result("tracklab", true, true), null, null))))
        .contains("verdict interrupted\">INTERRUPTED", "<b>interrupted</b>");
  }

  @Test
  void severalRuns_sideBySide_withTheirVisibilityCurvesOnOnePlot() {
    String page = SummaryPage.render(List.of(new SummaryPage.Run("ours", result("tracklab", false, true), null, null),
        new SummaryPage.Run("ttl", result("ttl", false, false), null, null)));
    assertThat(page).contains("<h2>Side by side</h2>", "<th>ours</th><th>ttl</th>", "<td>PASSED</td><td>FAILED</td>",
        "<th>throughput, ops/s</th><td>1000</td><td>1000</td>");
    assertThat(page.split("<svg", -1)).as("2 × (timeline + 4 distributions) + one t-visibility").hasSize(12);
  }
}

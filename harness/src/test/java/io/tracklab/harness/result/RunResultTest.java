package io.tracklab.harness.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunResultTest {
  @TempDir Path directory;

  private static Histogram histogram(long... values) {
    Histogram histogram = new Histogram(3);
    for (long value : values) {
      histogram.recordValue(value);
    }
    return histogram;
  }

  private static RunResult result(String injector, long[] ages, long reads, TimelinePoint... timeline) {
    RunMetadata run = new RunMetadata("run-1", 1_700_000_000_000L, 10_000, "standalone", "local", "tracklab",
        Map.of("keys", 1000, "distribution", "zipf:0.99"),
        List.of(new FaultRecord("latency", "primary", 2000, 5000L, Map.of("latencyMillis", 50))),
        List.of(injector), false);
    return new RunResult(RunResult.SCHEMA, run,
        Map.of("staleness_age_us", MetricHistogram.of("us", histogram(ages))),
        Map.of("reads", reads, "stale_reads", (long) ages.length), List.of(timeline),
        List.of(new GateVerdict("no violations", "violations", "==", 0, 0, true)));
  }

  @Test
  void writeThenRead_givesTheSameResult() {
    RunResult result = result("injector-a", new long[] {10, 20, 30_000}, 100,
        new TimelinePoint(0, 50, 5, 45, 1, MetricHistogram.of("us", histogram(100, 200), histogram(50))));
    Path file = ResultFiles.pathFor(directory, "run-1");
    ResultFiles.write(file, result);
    RunResult read = ResultFiles.read(file);
    assertThat(read).isEqualTo(result);
    assertThat(read.histograms().get("staleness_age_us").histogram().getTotalCount()).isEqualTo(3);
    assertThat(read.timeline().get(0).hitRatio()).isEqualTo(0.9);
  }

  @Test
  void theFileIsPlainDocumentedJson() throws IOException {
    Path file = ResultFiles.pathFor(directory, "run-1");
    ResultFiles.write(file, result("a", new long[] {5}, 1));
    String json = Files.readString(file);
    assertThat(json).contains("\"schema\" : 1").contains("\"runId\" : \"run-1\"")
        .contains("\"p99\"").contains("\"encoded\"");
  }

  @Test
  void theSecurityLabel_isWrittenOnlyForASecuredTopology() throws IOException {
    RunResult plain = result("a", new long[] {5}, 1);
    Path file = ResultFiles.pathFor(directory, "run-1");
    ResultFiles.write(file, plain);
    assertThat(Files.readString(file)).doesNotContain("\"security\"");
    RunResult secured = new RunResult(plain.schema(), plain.run().withSecurity("acl+tls"), plain.histograms(),
        plain.counters(), plain.timeline(), plain.gates());
    ResultFiles.write(file, secured);
    assertThat(Files.readString(file)).contains("\"security\" : \"acl+tls\"");
    assertThat(ResultFiles.read(file).run().security()).isEqualTo("acl+tls");
  }

  @Test
  void negativeValues_countInTheSummaries() {
    MetricHistogram delays = MetricHistogram.of("us", histogram(100, 200, 300), histogram(50));
    assertThat(delays.count()).isEqualTo(4);
    assertThat(delays.min()).isEqualTo(-50);
    assertThat(delays.max()).isCloseTo(300, withinPercentage(0.1));
    assertThat(delays.mean()).isCloseTo((100 + 200 + 300 - 50) / 4.0, withinPercentage(0.5));
    assertThat(delays.percentiles().get("p50")).isCloseTo(100, withinPercentage(0.5));
  }

  @Test
  void merging_isExactForHistogramsCountersAndTimeline() {
    RunResult a = result("injector-a", new long[] {10, 20, 30}, 100,
        new TimelinePoint(0, 50, 5, 40, 1, MetricHistogram.of("us", histogram(100))),
        new TimelinePoint(1, 50, 5, 45, 2, null));
    RunResult b = result("injector-b", new long[] {40, 50_000}, 200,
        new TimelinePoint(1, 70, 7, 60, 0, MetricHistogram.of("us", histogram(300))));
    RunResult merged = ResultMerge.merge(List.of(a, b));

    Histogram all = histogram(10, 20, 30, 40, 50_000);
    MetricHistogram ages = merged.histograms().get("staleness_age_us");
    assertThat(ages.histogram()).isEqualTo(all);
    assertThat(ages.percentiles().get("p99")).isEqualTo((double) all.getValueAtPercentile(99));
    assertThat(merged.counters()).containsEntry("reads", 300L).containsEntry("stale_reads", 5L);
    assertThat(merged.timeline()).hasSize(2);
    assertThat(merged.timeline().get(1).reads()).isEqualTo(120);
    assertThat(merged.timeline().get(1).invalidationDelay().histogram()).isEqualTo(histogram(300));
    assertThat(merged.run().injectors()).containsExactly("injector-a", "injector-b");
    assertThat(merged.run().faults()).hasSize(1);
    assertThat(merged.gates()).as("gates are evaluated again on the merged result").isEmpty();
  }

  @Test
  void resultsOfDifferentRuns_doNotMerge() {
    RunResult a = result("a", new long[] {1}, 1);
    RunResult other = new RunResult(RunResult.SCHEMA,
        new RunMetadata("run-2", 0, 0, "cluster", "local", "tracklab", a.run().workload(), null, null, false),
        null, null, null, null);
    assertThatThrownBy(() -> ResultMerge.merge(List.of(a, other)))
        .hasMessage("cannot merge results of different runs: topology standalone vs cluster");
  }

  @Test
  void readErrors_nameTheFile() throws IOException {
    Path broken = directory.resolve("broken.json");
    Files.writeString(broken, "{ not json");
    assertThatThrownBy(() -> ResultFiles.read(broken)).hasMessageStartingWith(broken + ": not valid JSON");
    Path future = directory.resolve("future.json");
    Files.writeString(future, "{\"schema\": 2}");
    assertThatThrownBy(() -> ResultFiles.read(future))
        .hasMessage(future + ": schema must be 1, got 2 (written by another tracklab version?)");
    Path odd = directory.resolve("odd.json");
    Files.writeString(odd, "{\"schema\": 1, \"colour\": \"blue\"}");
    assertThatThrownBy(() -> ResultFiles.read(odd)).hasMessageStartingWith(odd + ": not a tracklab result");
  }
}

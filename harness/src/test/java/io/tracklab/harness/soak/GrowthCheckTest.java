package io.tracklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GrowthCheckTest {
  private static final long MIB = 1024 * 1024;

  /** Eleven samples a minute apart: heap, threads, fds, sockets given per minute by the functions. */
  private static List<ResourceSample> samples(java.util.function.IntToLongFunction heap,
      java.util.function.IntUnaryOperator threads, java.util.function.IntToLongFunction files) {
    List<ResourceSample> samples = new ArrayList<>();
    for (int minute = 0; minute <= 10; minute++) {
      samples.add(new ResourceSample(minute * 60_000L, heap.applyAsLong(minute), threads.applyAsInt(minute),
          files.applyAsLong(minute), files.applyAsLong(minute) / 2, true));
    }
    return samples;
  }

  private static GrowthCheck.Verdict named(List<GrowthCheck.Verdict> verdicts, String resource) {
    return verdicts.stream().filter(verdict -> verdict.resource().equals(resource)).findFirst().orElseThrow();
  }

  @Test
  void flatButNoisyResources_pass() {
    Random noise = new Random(7);
    List<GrowthCheck.Verdict> verdicts = GrowthCheck.check(samples(
        minute -> 120 * MIB + noise.nextInt(12) * MIB, minute -> 60 + noise.nextInt(3), minute -> 300 + noise.nextInt(5)),
        2);
    assertThat(verdicts).hasSize(4).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.toString()).isTrue());
  }

  @Test
  void aSteadyLeak_fails_evenWhenEachStepIsSmall() {
    // 3 MiB a minute: 24 MiB over the 8 minutes after the warm-up, above 16 MiB (and 10% of 120 MiB)
    List<GrowthCheck.Verdict> verdicts = GrowthCheck.check(samples(minute -> 120 * MIB + minute * 3 * MIB,
        minute -> 60 + minute, minute -> 300 + 2L * minute), 2);
    assertThat(named(verdicts, "heap after GC").passed()).isFalse();
    assertThat(named(verdicts, "heap after GC").growth()).isCloseTo(24.0 * MIB, org.assertj.core.data.Offset.offset(1.0));
    assertThat(named(verdicts, "threads").passed()).as("8 threads more").isFalse();
    assertThat(named(verdicts, "open file descriptors").passed()).as("16 fds more").isFalse();
    assertThat(named(verdicts, "open sockets").passed()).as("8 sockets more: at the limit").isTrue();
  }

  @Test
  void theWarmUp_isLeftOut() {
    // classes load and pools fill in the first minute: a jump there is not a leak
    List<GrowthCheck.Verdict> verdicts = GrowthCheck.check(samples(minute -> minute < 2 ? 40 * MIB : 150 * MIB,
        minute -> minute < 2 ? 20 : 70, minute -> minute < 2 ? 100 : 320), 2);
    assertThat(verdicts).allSatisfy(verdict -> assertThat(verdict.passed()).as(verdict.toString()).isTrue());
    assertThat(GrowthCheck.check(samples(minute -> minute < 2 ? 40 * MIB : 150 * MIB, minute -> 70, minute -> 320), 0)
        .get(0).passed()).as("the same jump counted").isFalse();
  }

  @Test
  void samplesOutsideTheLoad_areLeftOut() {
    List<ResourceSample> samples = new ArrayList<>(samples(minute -> 100 * MIB, minute -> 30, minute -> 200));
    samples.add(new ResourceSample(11 * 60_000L, 900 * MIB, 90, 900, 90, false)); // after the run
    assertThat(GrowthCheck.check(samples, 2)).allSatisfy(verdict -> assertThat(verdict.passed()).isTrue());
  }

  @Test
  void tooFewSamples_isAnError_notAVerdict() {
    List<ResourceSample> three = samples(minute -> MIB, minute -> 1, minute -> 1).subList(0, 4);
    assertThatThrownBy(() -> GrowthCheck.check(three, 2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 3 samples after the warm-up, got 2");
  }
}

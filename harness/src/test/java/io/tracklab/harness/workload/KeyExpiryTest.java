package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeyExpiryTest {

  @Test
  void theShare_picksThatShareOfKeys_spreadOverTheIndexes() {
    KeyExpiry fifth = new KeyExpiry(0.2, Duration.ofMillis(300));
    long all = IntStream.range(0, 10_000).filter(fifth::expires).count();
    long hottest = IntStream.range(0, 100).filter(fifth::expires).count();
    assertThat(all).isBetween(1_900L, 2_100L);
    assertThat(hottest).as("the hottest keys of a skewed distribution too").isBetween(10L, 30L);
    assertThat(fifth.ttlOf(IntStream.range(0, 100).filter(fifth::expires).findFirst().orElseThrow()))
        .isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void none_andAll() {
    assertThat(IntStream.range(0, 1000).noneMatch(KeyExpiry.NONE::expires)).isTrue();
    assertThat(KeyExpiry.NONE.any()).isFalse();
    KeyExpiry every = new KeyExpiry(1, Duration.ofSeconds(1));
    assertThat(IntStream.range(0, 1000).allMatch(every::expires)).isTrue();
  }

  @Test
  void badValues_areRefused() {
    assertThatThrownBy(() -> new KeyExpiry(1.5, Duration.ofSeconds(1))).hasMessageContaining("1.5");
    assertThatThrownBy(() -> new KeyExpiry(0.5, Duration.ofNanos(10))).hasMessageContaining("at least 1 ms");
  }
}

package io.tracklab.reports.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkloadWordsTest {

  @Test
  void theWorkload_readsAsASentence() {
    assertThat(WorkloadWords.describe(Map.of("keys", 10_000, "distribution", "zipf:0.99", "readRatio", 0.95,
        "valueSize", 64, "writers", 1, "readers", 1, "targetRate", 10_000.0)))
        .isEqualTo("10,000 keys, picked with a Zipf skew of 0.99; 95% reads, 5% writes; 64-byte values; "
            + "10,000 operations a second targeted");
  }

  @Test
  void everyDistribution_expiringKeys_andUnthrottled() {
    assertThat(WorkloadWords.describe(Map.of("keys", 500, "distribution", "hotset:0.1:0.8", "readRatio", 1.0,
        "targetRate", 0.0, "expiringKeys", 0.2, "keyTtlMillis", 500)))
        .isEqualTo("500 keys, a hot 10% of them taking 80% of the picks; reads only; as fast as the users go; "
            + "20% of the keys written with a 500 ms TTL");
    assertThat(WorkloadWords.picked("uniform")).isEqualTo("picked uniformly");
    assertThat(WorkloadWords.picked("sequential")).isEqualTo("picked in order, wrapping");
  }

  @Test
  void unknownFields_areKept_asTheyAre() {
    assertThat(WorkloadWords.describe(Map.of("keys", 10, "shards", 3, "writers", 4)))
        .isEqualTo("10 keys; 4 writers; shards 3");
  }
}

package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VersionedValueTest {
  @Test
  void roundTrips_atTheRequestedSize() {
    VersionedValue value = new VersionedValue("key:42", 123456789L, 7);
    String text = value.encode(64);
    assertThat(text).hasSize(64).startsWith("key:42|123456789|7|");
    assertThat(VersionedValue.decode(text)).isEqualTo(value);
  }

  @Test
  void extremes_fitTheMinimumSize() {
    VersionedValue value = new VersionedValue("key:999999", Long.MAX_VALUE, Integer.MAX_VALUE);
    int size = VersionedValue.minimumSize("key:999999");
    assertThat(VersionedValue.decode(value.encode(size))).isEqualTo(value);
  }

  @Test
  void anythingElse_isRefused() {
    assertThatThrownBy(() -> VersionedValue.decode("hello")).hasMessage("not a versioned value: hello");
    assertThatThrownBy(() -> VersionedValue.decode("k|x|1|")).hasMessage("not a versioned value (bad number): k|x|1|");
    assertThatThrownBy(() -> VersionedValue.decode("k|1|1|..x")).hasMessageContaining("bad padding");
    assertThatThrownBy(() -> VersionedValue.decode(null)).hasMessage("no value");
    assertThatThrownBy(() -> new VersionedValue("a|b", 1, 1)).hasMessageContaining("must not contain '|'");
  }
}

package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadSpecTest {
  private static final KeyDistribution ZIPF = new KeyDistribution.Zipf(0.99);

  @Test
  void validSpec_namesItsKeys() {
    WorkloadSpec spec = new WorkloadSpec("key:", 1000, ZIPF, 0.95, 64, 2, 8, 5000);
    assertThat(spec.key(7)).isEqualTo("key:7");
  }

  @Test
  void badFields_areNamedWithTheirValue() {
    assertThatThrownBy(() -> new WorkloadSpec("key:", 0, ZIPF, 0.95, 64, 1, 1, 0))
        .hasMessage("keys must be at least 1, got 0");
    assertThatThrownBy(() -> new WorkloadSpec("key:", 10, ZIPF, 1.5, 64, 1, 1, 0))
        .hasMessage("readRatio must be between 0 and 1, got 1.5");
    assertThatThrownBy(() -> new WorkloadSpec("key:", 10, ZIPF, 0.5, 8, 1, 1, 0))
        .hasMessageStartingWith("valueSize must be at least");
    assertThatThrownBy(() -> new WorkloadSpec("key:", 10, ZIPF, 0.5, 64, 0, 4, 0))
        .hasMessage("readRatio 0.5 asks for writes, but writers is 0");
    assertThatThrownBy(() -> new WorkloadSpec("key:", 10, ZIPF, 0.5, 64, 1, 1, -3))
        .hasMessage("targetRate must be 0 (unthrottled) or a positive number, got -3.0");
  }
}

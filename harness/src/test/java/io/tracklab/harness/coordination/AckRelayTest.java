package io.tracklab.harness.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AckRelayTest {
  private final AckRelay relay = new AckRelay(List.of("a", "b", "c"));

  private static AckBatch batch(String injector, long watermark, long... acks) {
    return new AckBatch(injector, watermark, 100, acks);
  }

  @Test
  void eachInjector_receivesEveryOtherInjectorsBatches_onceAndInOrder() {
    AckBatch a1 = batch("a", 100, 0, 2, 90);
    AckBatch a2 = batch("a", 200, 3, 5, 150);
    AckBatch b1 = batch("b", 100, 1, 7, 95);

    assertThat(relay.exchange(a1)).isEmpty();
    assertThat(relay.exchange(a2)).isEmpty();
    assertThat(relay.exchange(b1)).containsExactly(a1, a2);
    assertThat(relay.exchange(batch("b", 300))).isEmpty(); // nothing new from a or c
    assertThat(relay.exchange(batch("c", 100))).containsExactly(a1, a2, b1, batch("b", 300));
    assertThat(relay.exchange(batch("a", 300))).containsExactly(b1, batch("b", 300), batch("c", 100));
  }

  @Test
  void aBatch_isForgotten_onceEveryOtherInjectorTookIt() {
    relay.exchange(batch("a", 100, 0, 2, 90, 3, 1, 95));
    assertThat(relay.keptAcks()).isEqualTo(2);

    relay.exchange(batch("b", 100));
    assertThat(relay.keptAcks()).as("c has not taken it").isEqualTo(2);
    relay.exchange(batch("c", 100));
    assertThat(relay.keptAcks()).isZero();
  }

  @Test
  void anInjectorTheRunDoesNotHave_isRefused() {
    assertThatThrownBy(() -> relay.exchange(batch("z", 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("z");
  }

  @Test
  void acksAreTriples() {
    assertThatThrownBy(() -> batch("a", 1, 1, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}

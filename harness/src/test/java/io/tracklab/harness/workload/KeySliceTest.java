package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeySliceTest {
  @Test
  void everyKeyHasExactlyOneWriter() {
    KeySlice[] slices = {new KeySlice(0, 3), new KeySlice(1, 3), new KeySlice(2, 3)};
    for (int key = 0; key < 100; key++) {
      int writers = 0;
      for (KeySlice slice : slices) {
        writers += slice.owns(key) ? 1 : 0;
      }
      assertThat(writers).as("writers of key %d", key).isEqualTo(1);
    }
  }

  @Test
  void aDrawnKey_becomesTheNearestKeyOfTheSlice_withinTheKeyspace() {
    KeySlice third = new KeySlice(2, 3);
    for (int drawn = 0; drawn < 10; drawn++) {
      int key = third.writeKey(drawn, 10);
      assertThat(third.owns(key)).isTrue();
      assertThat(key).isBetween(0, 9);
      assertThat(Math.abs(key - drawn)).isLessThan(3);
    }
    assertThat(third.writeKey(9, 10)).isEqualTo(8); // 11 is beyond the keyspace
  }

  @Test
  void oneInjector_writesWhatWasDrawn() {
    for (int drawn = 0; drawn < 10; drawn++) {
      assertThat(KeySlice.ALL.writeKey(drawn, 10)).isEqualTo(drawn);
    }
  }

  @Test
  void aSliceOutsideItsCount_isRefused() {
    assertThatThrownBy(() -> new KeySlice(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}

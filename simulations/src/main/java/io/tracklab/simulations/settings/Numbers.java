package io.tracklab.simulations.settings;

import java.math.BigDecimal;

/** Numbers as people write them: {@code 5000}, {@code 0.5}, {@code 2.5} (no {@code 5000.0}). */
final class Numbers {
  private Numbers() {}

  static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }
}

package io.tracklab.reports.summary;

import java.math.BigDecimal;

/** Microseconds as people read them on an axis or in a table: 500µs, 2ms, 1.5s. */
final class Durations {
  private Durations() {}

  /** Microseconds in one of a histogram's {@code unit} ({@code ns}, {@code us}, {@code ms}). */
  static double microsPer(String unit) {
    return switch (unit == null ? "us" : unit) {
      case "ns" -> 0.001;
      case "ms" -> 1000;
      case "s" -> 1_000_000;
      default -> 1;
    };
  }

  static String micros(double micros) {
    if (micros == 0) {
      return "0";
    }
    if (Math.abs(micros) < 1000) {
      return plain(micros) + "µs";
    }
    if (Math.abs(micros) < 1_000_000) {
      return plain(micros / 1000) + "ms";
    }
    return plain(micros / 1_000_000) + "s";
  }

  private static String plain(double value) {
    return new BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
  }
}

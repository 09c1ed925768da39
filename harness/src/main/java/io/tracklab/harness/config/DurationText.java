package io.tracklab.harness.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Durations as people write them in fault schedules and on the command line: {@code 250ms},
 * {@code 1.5s}, {@code 2m}, {@code 1h}, or {@code 0}. ISO-8601 ({@code PT1.5S}) would be
 * {@link Duration#parse}'s job, but nobody types that into an experiment file.
 */
public final class DurationText {
  private DurationText() {}

  /** The duration, or empty when {@code text} is not one. */
  public static Optional<Duration> tryParse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    long unitNanos;
    int unitLength;
    if (value.endsWith("ms")) {
      unitNanos = 1_000_000L;
      unitLength = 2;
    } else if (value.endsWith("s")) {
      unitNanos = 1_000_000_000L;
      unitLength = 1;
    } else if (value.endsWith("m")) {
      unitNanos = 60_000_000_000L;
      unitLength = 1;
    } else if (value.endsWith("h")) {
      unitNanos = 3_600_000_000_000L;
      unitLength = 1;
    } else {
      return Optional.empty();
    }
    String number = value.substring(0, value.length() - unitLength);
    if (number.isEmpty() || !number.matches("\\d+(\\.\\d+)?")) {
      return Optional.empty();
    }
    try {
      long nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)).longValueExact();
      return Optional.of(Duration.ofNanos(nanos));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The duration; otherwise an exception whose message shows {@code what} and the accepted forms. */
  public static Duration parse(String what, String text) {
    return tryParse(text).orElseThrow(() -> new IllegalArgumentException(
        what + " is not a duration: \"" + text + "\" (write it like 250ms, 1.5s, 2m, 1h or 0)"));
  }

  /** The shortest exact way to write {@code duration} in the form {@link #parse} reads. */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos == 0) {
      return "0";
    }
    if (nanos % 60_000_000_000L == 0) {
      return nanos / 60_000_000_000L + "m";
    }
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    return BigDecimal.valueOf(nanos).movePointLeft(6).stripTrailingZeros().toPlainString() + "ms";
  }
}

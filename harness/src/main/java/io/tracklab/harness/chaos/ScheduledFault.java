package io.tracklab.harness.chaos;

import io.tracklab.harness.config.DurationText;
import java.time.Duration;
import java.util.Objects;

/**
 * A fault on the run's timeline.
 *
 * @param at when to inject it, from the start of the run
 * @param duration how long it lasts; null: until the end of the run (every fault heals then)
 * @param text the schedule line it came from, for progress output and errors
 */
public record ScheduledFault(Duration at, Duration duration, Fault fault, String text) {
  public ScheduledFault {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(fault, "fault");
    if (at.isNegative() || (duration != null && (duration.isNegative() || duration.isZero()))) {
      throw new IllegalArgumentException("a fault starts at 0 or later and lasts more than 0: " + text);
    }
    if (text == null) {
      text = "at " + DurationText.format(at) + (duration == null ? "" : " for " + DurationText.format(duration))
          + ": " + fault.kind() + (fault.target() == null ? "" : " " + fault.target());
    }
  }

  /** When it heals, or null when it lasts until the end. */
  public Duration healsAt() {
    return duration == null ? null : at.plus(duration);
  }
}

package io.tracklab.reports.compare;

import io.tracklab.harness.result.RunResult;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One figure compared between two runs: how to read it from a result, its unit, which way is
 * better and how small a change is noise.
 *
 * @param name what {@code --tolerance <name>=<percent>} and the table call it, e.g.
 *     {@code remote_read_p99_ms} (the unit is part of the name, as in {@code result.json})
 * @param label for people, e.g. {@code remote read p99}
 * @param unit e.g. {@code ms}, {@code ops/s}, {@code %}
 * @param noiseFloor a change no larger than this (in {@code unit}) is noise whatever its relative
 *     size: 0.3 ms against 0.5 ms is not a regression
 * @param defaultTolerancePercent how much worse than the baseline it may get, in % (of
 *     {@code relativeTo}), when {@code --tolerance} does not say; measured (see {@link RunMetrics})
 * @param relativeTo what the tolerance is a percentage of
 * @param anyIncreaseRegresses any worsening at all is a regression, whatever the tolerance
 *     (staleness violations: tracklab's client must have none)
 * @param decimals how many decimals the table shows
 * @param measure the figure in a result; empty when the result did not measure it
 */
public record Metric(
    String name,
    String label,
    String unit,
    Better better,
    double noiseFloor,
    double defaultTolerancePercent,
    RelativeTo relativeTo,
    boolean anyIncreaseRegresses,
    int decimals,
    Function<RunResult, OptionalDouble> measure) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public Metric {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("name must be lower_snake_case, got \"" + name + "\"");
    }
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(better, "better");
    if (!(noiseFloor >= 0) || Double.isInfinite(noiseFloor)) {
      throw new IllegalArgumentException(name + ": noiseFloor must be a finite number >= 0, got " + noiseFloor);
    }
    if (!(defaultTolerancePercent >= 0) || Double.isInfinite(defaultTolerancePercent)) {
      throw new IllegalArgumentException(name + ": defaultTolerancePercent must be a finite number >= 0, got "
          + defaultTolerancePercent);
    }
    if (decimals < 0 || decimals > 6) {
      throw new IllegalArgumentException(name + ": decimals must be 0 to 6, got " + decimals);
    }
    Objects.requireNonNull(relativeTo, "relativeTo");
    Objects.requireNonNull(measure, "measure");
  }

  /** What a tolerance is a percentage of. */
  public enum RelativeTo {
    /** The baseline's value: 25% of a 4 ms p99 is 1 ms. */
    VALUE,
    /**
     * What the baseline's percentage leaves to 100: for a hit ratio, the misses. 25% of 86% hits
     * is 3.5 points (misses may grow from 14% to 17.5%), not 21.5 points: what costs is the misses.
     */
    REST_OF_100;

    double base(double baseline) {
      return this == VALUE ? Math.abs(baseline) : Math.max(0, 100 - baseline);
    }
  }

  /** This metric's value in {@code result}, if it was measured. */
  public OptionalDouble valueIn(RunResult result) {
    return measure.apply(result);
  }

  @Override
  public String toString() {
    return name;
  }
}

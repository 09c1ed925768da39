package io.tracklab.harness.result;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One distribution in a result: summary figures for people and reports, and the encoded
 * HdrHistogram(s) for exact merging. Values that can be negative (invalidation delay: a push can
 * overtake the write's reply) keep their negative part as magnitudes in {@code negativeEncoded};
 * summary figures cover both parts.
 *
 * @param unit e.g. {@code us}
 * @param percentiles keys {@code p50}, {@code p90}, {@code p99}, {@code p99.9}
 * @param negativeEncoded magnitudes of the negative values, or null when there are none
 */
public record MetricHistogram(
    String unit,
    long count,
    double min,
    double max,
    double mean,
    Map<String, Double> percentiles,
    String encoded,
    String negativeEncoded) {

  static final double[] REPORTED = {50, 90, 99, 99.9};

  public static MetricHistogram of(String unit, Histogram values) {
    return of(unit, values, null);
  }

  /** From the non-negative values and (optionally) the magnitudes of the negative ones. */
  public static MetricHistogram of(String unit, Histogram values, Histogram negatives) {
    boolean hasNegatives = negatives != null && negatives.getTotalCount() > 0;
    long count = values.getTotalCount() + (hasNegatives ? negatives.getTotalCount() : 0);
    Map<String, Double> percentiles = new LinkedHashMap<>();
    for (double percentile : REPORTED) {
      percentiles.put(label(percentile), percentile(values, hasNegatives ? negatives : null, percentile));
    }
    double min = count == 0 ? 0
        : hasNegatives ? -negatives.getMaxValue() : values.getMinValue();
    double max = count == 0 ? 0
        : values.getTotalCount() > 0 ? values.getMaxValue() : -negatives.getMinValue();
    double sum = values.getMean() * values.getTotalCount()
        - (hasNegatives ? negatives.getMean() * negatives.getTotalCount() : 0);
    return new MetricHistogram(unit, count, min, max, count == 0 ? 0 : sum / count, percentiles,
        EncodedHistogram.encode(values), hasNegatives ? EncodedHistogram.encode(negatives) : null);
  }

  /** The value at {@code percentile} across both parts (negatives first, most negative lowest). */
  static double percentile(Histogram values, Histogram negatives, double percentile) {
    long negativeCount = negatives == null ? 0 : negatives.getTotalCount();
    long total = negativeCount + values.getTotalCount();
    if (total == 0) {
      return 0;
    }
    double rank = percentile / 100.0 * total;
    if (rank <= negativeCount && negativeCount > 0) {
      return -negatives.getValueAtPercentile(clamp(100.0 * (1 - rank / negativeCount)));
    }
    return values.getValueAtPercentile(clamp(100.0 * (rank - negativeCount) / values.getTotalCount()));
  }

  private static double clamp(double percentile) {
    return Math.max(0, Math.min(100, percentile));
  }

  static String label(double percentile) {
    return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
  }

  /** The non-negative values. */
  public Histogram histogram() {
    return EncodedHistogram.decode(encoded);
  }

  /** Magnitudes of the negative values (empty when there are none). */
  public Histogram negativeHistogram() {
    return negativeEncoded == null ? new Histogram(3) : EncodedHistogram.decode(negativeEncoded);
  }

  /** This and {@code other} as one distribution, exactly. */
  public MetricHistogram plus(MetricHistogram other) {
    if (!unit.equals(other.unit)) {
      throw new IllegalArgumentException("cannot add a histogram in " + other.unit + " to one in " + unit);
    }
    Histogram values = histogram();
    values.add(other.histogram());
    Histogram negatives = negativeHistogram();
    negatives.add(other.negativeHistogram());
    return of(unit, values, negatives);
  }
}

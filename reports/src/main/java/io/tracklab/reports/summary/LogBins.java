package io.tracklab.reports.summary;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Buckets on a 1-2-5 logarithmic scale (1, 2, 5, 10, 20, 50, ...) for latency-like values that
 * span microseconds to seconds: the shape of a distribution, and the t axis of the visibility
 * curve, read the same at every scale.
 */
final class LogBins {
  private static final long[] STEPS = {1, 2, 5};

  private LogBins() {}

  /** One bucket: values from {@code from} (inclusive) to {@code to} (exclusive), and how many. */
  record Bin(long from, long to, long count) {}

  /** The edges 0, 1, 2, 5, 10, ... up to the first edge above {@code max}. */
  static List<Long> edges(long max) {
    List<Long> edges = new ArrayList<>(List.of(0L));
    for (long decade = 1; ; decade *= 10) {
      for (long step : STEPS) {
        long edge = decade * step;
        edges.add(edge);
        if (edge > max) {
          return edges;
        }
      }
    }
  }

  /** The histogram's values in 1-2-5 buckets from 0 to past its maximum (empty buckets included). */
  static List<Bin> of(Histogram values) {
    List<Bin> bins = new ArrayList<>();
    if (values.getTotalCount() == 0) {
      return bins;
    }
    List<Long> edges = edges(values.getMaxValue());
    for (int i = 0; i + 1 < edges.size(); i++) {
      long from = edges.get(i);
      long to = edges.get(i + 1);
      bins.add(new Bin(from, to, count(values, from, to)));
    }
    return bins;
  }

  /** Values in [from, to): HdrHistogram's ranges are inclusive and at its resolution. */
  static long count(Histogram values, long from, long to) {
    if (values.getTotalCount() == 0 || from > values.getMaxValue()) {
      return 0;
    }
    long upTo = values.getCountBetweenValues(0, to - 1);
    long below = from == 0 ? 0 : values.getCountBetweenValues(0, from - 1);
    return upTo - below;
  }
}

package io.tracklab.reports.summary;

import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunResult;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The t-visibility curve (Bailis et al., "Probabilistically Bounded Staleness", VLDB 2012): for a
 * delay t, the probability that a read starting t after a write's acknowledgement returns that
 * write or a newer one. From the checker's two histograms in result.json
 * ({@code visible_after_write_us}, {@code stale_after_write_us}: reads by the time since the
 * newest write acknowledged before they started), bucket by bucket on a 1-2-5 scale.
 *
 * @param points in order of t; only buckets with at least {@value #MIN_READS} reads (a
 *     probability from fewer is noise: one early stale read would draw a spike to 0)
 */
public record VisibilityCurve(String label, List<Point> points) {
  public static final String VISIBLE = "visible_after_write_us";
  public static final String STALE = "stale_after_write_us";
  public static final int MIN_READS = 20;

  /**
   * @param fromMicros the bucket's start (reads starting this long after the acknowledgement...)
   * @param toMicros ...up to this long, exclusive
   * @param reads how many reads fell in the bucket
   */
  public record Point(long fromMicros, long toMicros, double visible, long reads) {}

  /** The curve of one run; no points when the result predates the histograms or had no reads. */
  public static VisibilityCurve of(String label, RunResult result) {
    MetricHistogram visible = result.histograms().get(VISIBLE);
    MetricHistogram stale = result.histograms().get(STALE);
    if (visible == null || stale == null) {
      return new VisibilityCurve(label, List.of());
    }
    return of(label, visible.histogram(), stale.histogram());
  }

  static VisibilityCurve of(String label, Histogram visible, Histogram stale) {
    long max = Math.max(visible.getTotalCount() == 0 ? 0 : visible.getMaxValue(),
        stale.getTotalCount() == 0 ? 0 : stale.getMaxValue());
    List<Point> points = new ArrayList<>();
    if (visible.getTotalCount() + stale.getTotalCount() == 0) {
      return new VisibilityCurve(label, points);
    }
    List<Long> edges = LogBins.edges(max);
    for (int i = 0; i + 1 < edges.size(); i++) {
      long from = edges.get(i);
      long to = edges.get(i + 1);
      long fresh = LogBins.count(visible, from, to);
      long old = LogBins.count(stale, from, to);
      if (fresh + old >= MIN_READS) {
        points.add(new Point(from, to, (double) fresh / (fresh + old), fresh + old));
      }
    }
    return new VisibilityCurve(label, points);
  }

  /** The smallest bucket start from which every later bucket is at least {@code probability}; -1 when none. */
  public long visibleFromMicros(double probability) {
    long from = -1;
    for (int i = points.size() - 1; i >= 0; i--) {
      if (points.get(i).visible() < probability) {
        break;
      }
      from = points.get(i).fromMicros();
    }
    return from;
  }
}

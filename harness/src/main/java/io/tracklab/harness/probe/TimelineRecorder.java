package io.tracklab.harness.probe;

import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;

/**
 * Per-second series of a run, for plots: reads, writes, hits, stale reads, and that second's
 * invalidation delays. Seconds count from the run's start; events past the last second are
 * counted in it.
 *
 * <p>A second's delay histograms are live only while it can still receive delays: once the
 * clock is two seconds past it they are encoded ({@link MetricHistogram}, a few hundred bytes)
 * and the histograms (some 24 KB each) dropped, so a long run holds its timeline in about a
 * kilobyte a second rather than 50 (the 10-minute soak showed 2.4 MB a minute before this).
 */
public final class TimelineRecorder {
  private final long startNanos;
  private final int seconds;
  private final AtomicLongArray reads;
  private final AtomicLongArray writes;
  private final AtomicLongArray hits;
  private final AtomicLongArray stale;
  private final Histogram[] delays;
  private final Histogram[] earlyDelays;
  /** Seconds whose delays are encoded (null: none were measured in that second). */
  private final MetricHistogram[] closedDelays;
  /** Seconds below this one are closed. */
  private int closedBelow;

  public TimelineRecorder(long startNanos, int seconds) {
    if (seconds < 1) {
      throw new IllegalArgumentException("seconds must be at least 1, got " + seconds);
    }
    this.startNanos = startNanos;
    this.seconds = seconds;
    reads = new AtomicLongArray(seconds);
    writes = new AtomicLongArray(seconds);
    hits = new AtomicLongArray(seconds);
    stale = new AtomicLongArray(seconds);
    delays = new Histogram[seconds];
    earlyDelays = new Histogram[seconds];
    closedDelays = new MetricHistogram[seconds];
  }

  private int second(long nanos) {
    long second = TimeUnit.NANOSECONDS.toSeconds(Math.max(0, nanos - startNanos));
    return (int) Math.min(seconds - 1, second);
  }

  public void read(long nanos, boolean hit, ReadClass verdict) {
    int second = second(nanos);
    reads.incrementAndGet(second);
    if (hit) {
      hits.incrementAndGet(second);
    }
    if (verdict == ReadClass.STALE) {
      stale.incrementAndGet(second);
    }
  }

  public void write(long nanos) {
    writes.incrementAndGet(second(nanos));
  }

  /** An invalidation delay measured at {@code nanos} (negative: the push came first). */
  public synchronized void invalidationDelay(long nanos, long delayNanos) {
    int second = second(nanos);
    Histogram[] target = delayNanos < 0 ? earlyDelays : delays;
    if (second < closedBelow) {
      // measured by a thread that stalled past the second's closing: count it in the oldest open one
      second = closedBelow;
    }
    if (target[second] == null) {
      target[second] = new Histogram(3);
      closeBefore(second - 1);
    }
    target[second].recordValue(TimeUnit.NANOSECONDS.toMicros(Math.abs(delayNanos)));
  }

  /** Encodes the seconds before {@code second} and drops their histograms. */
  private void closeBefore(int second) {
    for (; closedBelow < second; closedBelow++) {
      closedDelays[closedBelow] = delayOf(closedBelow);
      delays[closedBelow] = null;
      earlyDelays[closedBelow] = null;
    }
  }

  private MetricHistogram delayOf(int second) {
    if (second < closedBelow) {
      return closedDelays[second];
    }
    Histogram late = delays[second];
    Histogram early = earlyDelays[second];
    return late == null && early == null ? null
        : MetricHistogram.of("us", late == null ? new Histogram(3) : late, early);
  }

  /** The seconds up to {@code untilNanos}. */
  public synchronized List<TimelinePoint> points(long untilNanos) {
    List<TimelinePoint> points = new ArrayList<>();
    for (int second = 0; second <= second(untilNanos); second++) {
      points.add(new TimelinePoint(second, reads.get(second), writes.get(second), hits.get(second),
          stale.get(second), delayOf(second)));
    }
    return points;
  }
}

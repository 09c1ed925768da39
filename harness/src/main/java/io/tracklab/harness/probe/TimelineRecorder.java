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
    if (target[second] == null) {
      target[second] = new Histogram(3);
    }
    target[second].recordValue(TimeUnit.NANOSECONDS.toMicros(Math.abs(delayNanos)));
  }

  /** The seconds up to {@code untilNanos}. */
  public synchronized List<TimelinePoint> points(long untilNanos) {
    List<TimelinePoint> points = new ArrayList<>();
    for (int second = 0; second <= second(untilNanos); second++) {
      Histogram late = delays[second];
      Histogram early = earlyDelays[second];
      MetricHistogram delay = late == null && early == null ? null
          : MetricHistogram.of("us", late == null ? new Histogram(3) : late, early);
      points.add(new TimelinePoint(second, reads.get(second), writes.get(second), hits.get(second),
          stale.get(second), delay));
    }
    return points;
  }
}

package io.tracklab.harness.probe;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Read latency, hits and remote reads apart: a hit takes ~100 ns, so hits are recorded in
 * nanoseconds and remote reads in microseconds (HdrHistogram, 3 significant digits). Recording
 * is wait-free ({@link Recorder}).
 */
public final class LatencyProbe {
  private final Recorder local = new Recorder(3);
  private final Recorder remote = new Recorder(3);
  private final Histogram localTotal = new Histogram(3);
  private final Histogram remoteTotal = new Histogram(3);

  public void read(long startNanos, long endNanos, boolean wasLocal) {
    long nanos = Math.max(0, endNanos - startNanos);
    if (wasLocal) {
      local.recordValue(nanos);
    } else {
      remote.recordValue(TimeUnit.NANOSECONDS.toMicros(nanos));
    }
  }

  /** Hit latencies so far, nanoseconds. */
  public synchronized Histogram localNanos() {
    localTotal.add(local.getIntervalHistogram());
    return localTotal.copy();
  }

  /** Remote read latencies so far, microseconds. */
  public synchronized Histogram remoteMicros() {
    remoteTotal.add(remote.getIntervalHistogram());
    return remoteTotal.copy();
  }
}

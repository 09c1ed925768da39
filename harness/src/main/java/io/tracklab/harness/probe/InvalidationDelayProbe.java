package io.tracklab.harness.probe;

import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheListener;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;

/**
 * Invalidation delay for one near-cache (DESIGN.md section 4): for a write of key k acknowledged
 * at {@code ack}, while the cache held k, the time from {@code ack} until the cache dropped k.
 * Negative when Redis' push overtook the write's reply (they travel different connections).
 *
 * <p>Feed it the writes ({@link #writeSent}, {@link #writeAcked}) and install it as the cache's
 * listener. Per key it keeps the acknowledgement waiting for its invalidation, or the
 * invalidation that arrived while the write was still in flight, in flat arrays. A flush drops
 * everything without being an invalidation: pending pairs are forgotten, not measured.
 *
 * <p>Distribution: microseconds in two HdrHistograms, the late (≥ 0) and the early (< 0)
 * delays, combined for percentiles ({@link #percentileMicros}).
 */
public final class InvalidationDelayProbe implements NearCacheListener {
  /** "No time": nanoTime values can be anything, 0 included. */
  private static final long NONE = Long.MIN_VALUE;

  private final ToIntFunction<String> keyIndex;
  private final long[] pendingAck;
  private final long[] inFlightSince;
  private final long[] earlyInvalidation;
  private final Histogram late = new Histogram(3);
  private final Histogram early = new Histogram(3);
  private volatile TimelineRecorder timeline;
  private volatile DelayListener delayListener;

  /** Told of every delay as it is measured (e.g. to log it as a Gatling pseudo-request). */
  @FunctionalInterface
  public interface DelayListener {
    void delayMeasured(long atNanos, long delayNanos);
  }

  public void onDelay(DelayListener listener) {
    this.delayListener = listener;
  }

  /** Also records each delay into that second of {@code timeline}. */
  public void feed(TimelineRecorder timeline) {
    this.timeline = timeline;
  }

  /**
   * @param keyIndex the index of a key name, or -1 for keys the workload does not own
   */
  public InvalidationDelayProbe(int keys, ToIntFunction<String> keyIndex) {
    this.keyIndex = keyIndex;
    this.pendingAck = new long[keys];
    this.inFlightSince = new long[keys];
    this.earlyInvalidation = new long[keys];
    java.util.Arrays.fill(pendingAck, NONE);
    java.util.Arrays.fill(inFlightSince, NONE);
    java.util.Arrays.fill(earlyInvalidation, NONE);
  }

  /**
   * A write of {@code key} was sent. An earlier acknowledgement still waiting for its
   * invalidation never got one (the cache did not hold the key then): it is forgotten, so the
   * next invalidation is paired with this write, not with that one.
   */
  public synchronized void writeSent(int key, long sentNanos) {
    inFlightSince[key] = sentNanos;
    earlyInvalidation[key] = NONE;
    pendingAck[key] = NONE;
  }

  public synchronized void writeAcked(int key, long ackNanos) {
    inFlightSince[key] = NONE;
    if (earlyInvalidation[key] != NONE) {
      record(earlyInvalidation[key] - ackNanos);
      earlyInvalidation[key] = NONE;
    } else {
      pendingAck[key] = ackNanos;
    }
  }

  /**
   * A read of {@code key} that went to Redis, sent at {@code startNanos}. Sent after the last
   * write's acknowledgement, the server read it after that write: any invalidation that write
   * caused was already sent, and what the cache holds now is that write's value or a later one. A
   * later invalidation then belongs to a later write, or to none (a key evicted from the server's
   * tracking table, which sends its invalidation though nothing wrote it): the acknowledgement
   * waits for nothing any more. Without this, such an invalidation was paired with a write seconds
   * old whose own invalidation never came because the cache had not held the key.
   */
  public synchronized void remoteRead(int key, long startNanos) {
    if (pendingAck[key] != NONE && startNanos - pendingAck[key] > 0) {
      pendingAck[key] = NONE;
    }
  }

  @Override
  public synchronized void onInvalidation(long nanoTime, String key, boolean wasHeld) {
    int index = keyIndex.applyAsInt(key);
    if (index < 0 || index >= pendingAck.length) {
      return;
    }
    if (!wasHeld) {
      pendingAck[index] = NONE; // the cache did not hold k: no delay to measure for this write
      return;
    }
    if (pendingAck[index] != NONE) {
      record(nanoTime - pendingAck[index]);
      pendingAck[index] = NONE;
    } else if (inFlightSince[index] != NONE) {
      earlyInvalidation[index] = nanoTime;
    }
  }

  @Override
  public synchronized void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {
    java.util.Arrays.fill(pendingAck, NONE);
    java.util.Arrays.fill(earlyInvalidation, NONE);
  }

  private void record(long delayNanos) {
    long micros = TimeUnit.NANOSECONDS.toMicros(Math.abs(delayNanos));
    (delayNanos < 0 ? early : late).recordValue(micros);
    long now = System.nanoTime();
    TimelineRecorder seconds = timeline;
    if (seconds != null) {
      seconds.invalidationDelay(now, delayNanos);
    }
    DelayListener listener = delayListener;
    if (listener != null) {
      listener.delayMeasured(now, delayNanos);
    }
  }

  /** Delays measured so far. */
  public synchronized long count() {
    return late.getTotalCount() + early.getTotalCount();
  }

  /**
   * The delay at {@code percentile} (0-100) in microseconds, negative for early invalidations,
   * across both histograms.
   */
  public synchronized double percentileMicros(double percentile) {
    long earlyCount = early.getTotalCount();
    long total = earlyCount + late.getTotalCount();
    if (total == 0) {
      return 0;
    }
    double rank = percentile / 100.0 * total;
    if (rank <= earlyCount && earlyCount > 0) {
      // the early ones, most negative first: rank r among them is the (1 - r/n) quantile of |delay|
      double fraction = 100.0 * (1 - rank / earlyCount);
      return -early.getValueAtPercentile(Math.max(0, Math.min(100, fraction)));
    }
    double lateRank = rank - earlyCount;
    return late.getValueAtPercentile(Math.max(0, Math.min(100, 100.0 * lateRank / late.getTotalCount())));
  }

  /** Copies of the two histograms: late (≥ 0) and early (magnitudes of negative delays). */
  public synchronized Histogram[] histograms() {
    return new Histogram[] {late.copy(), early.copy()};
  }
}

package io.tracklab.simulations.protocol;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which operations (and measurements) get a record in Gatling's simulation.log. Gatling parses
 * every record after the load and shows every hit as 0 ms, so a record per operation makes the
 * work after a run grow with its request count (80 s of parsing and 155 MB for 20 s at full
 * speed). A run keeps about {@code perSecond} records a second of each kind instead, picked at
 * random across the second (1 in N, N from the previous second's count), and never more than
 * twice that in any second (the first second, a sudden burst). Counts, rates and latencies at
 * full resolution are result.json's; the gates are its verdicts ({@code gate: ...} records).
 *
 * <p>The hot path is a {@link LongAdder} increment and a read or two of fields that change once
 * a second: a hit stays as cheap as it was.
 */
final class ReportSampler {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;

  /** @param perSecond records a second per kind; 0 keeps every one (a record per operation) */
  ReportSampler(int perSecond) {
    if (perSecond < 0) {
      throw new IllegalArgumentException("records per second must be 0 (all) or more, got " + perSecond);
    }
    this.perSecond = perSecond;
  }

  int perSecond() {
    return perSecond;
  }

  /** One kind of record ({@code get (local)}, failed {@code set}, ...): each has its own budget. */
  Kind kind() {
    return new Kind();
  }

  final class Kind {
    private final LongAdder seen = new LongAdder();
    private final AtomicInteger taken = new AtomicInteger();
    private volatile long secondStart = Long.MIN_VALUE;
    private volatile long oneIn = 1;

    /** Whether the event at {@code nanos} ({@link System#nanoTime()}) gets its record. */
    boolean take(long nanos) {
      if (perSecond == 0) {
        return true;
      }
      long start = secondStart;
      if (start == Long.MIN_VALUE || nanos - start >= SECOND) {
        roll(nanos);
      }
      seen.increment();
      if (taken.get() >= 2 * perSecond) {
        return false;
      }
      long n = oneIn;
      if (n > 1 && ThreadLocalRandom.current().nextLong(n) != 0) {
        return false;
      }
      taken.incrementAndGet();
      return true;
    }

    private synchronized void roll(long nanos) {
      long start = secondStart;
      if (start != Long.MIN_VALUE && nanos - start < SECOND) {
        return; // another thread rolled it
      }
      long count = seen.sumThenReset();
      if (start != Long.MIN_VALUE) {
        // per second, also after an idle stretch of several seconds
        long seconds = Math.max(1, (nanos - start) / SECOND);
        oneIn = Math.max(1, (count / seconds + perSecond - 1) / perSecond);
      }
      taken.set(0);
      secondStart = start == Long.MIN_VALUE ? nanos : start + (nanos - start) / SECOND * SECOND;
    }

    /** 1 in how many is kept now (1: all). */
    long oneIn() {
      return oneIn;
    }
  }
}

package io.tracklab.harness.coordination;

import io.tracklab.harness.result.InjectorClock;
import java.util.function.LongSupplier;

/**
 * The common clock (the Redis primary's {@code TIME}) as this injector knows it now: estimated
 * before the load, then again every few seconds during it ({@link #reprobe}), so that a drift of
 * this machine's clock during a long run does not build up in the staleness judged across
 * injectors (docs/distributed.md). Each estimate is taken as it comes: a poor one (probed while
 * the machine was busy) has a larger uncertainty, which only widens the margin reads are judged
 * with, never narrows it.
 */
public final class CommonClock {
  private final LongSupplier commonMicros;
  private final int probes;
  private final ClockEstimate first;
  private volatile ClockEstimate current;
  private long largestUncertaintyMicros;
  private int estimates;

  private CommonClock(LongSupplier commonMicros, int probes, ClockEstimate first) {
    this.commonMicros = commonMicros;
    this.probes = probes;
    this.first = first;
    this.current = first;
    this.largestUncertaintyMicros = first.uncertaintyMicros();
    this.estimates = 1;
  }

  /**
   * Probes now, {@code probes} times.
   *
   * @param commonMicros reads the common clock, e.g. {@code TIME} on a direct connection
   */
  public static CommonClock probe(LongSupplier commonMicros, int probes) {
    return new CommonClock(commonMicros, probes, ClockEstimate.probe(commonMicros, probes));
  }

  /** The estimate in use. */
  public ClockEstimate current() {
    return current;
  }

  /** The first estimate (before the load). */
  public ClockEstimate first() {
    return first;
  }

  /** Probes again and puts the new estimate in use; throws what reading the clock threw. */
  public synchronized ClockEstimate reprobe() {
    ClockEstimate estimate = ClockEstimate.probe(commonMicros, probes);
    current = estimate;
    largestUncertaintyMicros = Math.max(largestUncertaintyMicros, estimate.uncertaintyMicros());
    estimates++;
    return estimate;
  }

  /** How many estimates were made, the first included. */
  public synchronized int estimates() {
    return estimates;
  }

  /** What result.json states: the first offset, the largest uncertainty used, how far the offset moved since. */
  public synchronized InjectorClock summary() {
    return new InjectorClock(first.wallOffsetMicros(), largestUncertaintyMicros,
        current.wallOffsetMicros() - first.wallOffsetMicros(), probes, estimates);
  }
}

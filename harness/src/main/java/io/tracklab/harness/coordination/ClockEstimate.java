package io.tracklab.harness.coordination;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Where this process's clocks stand against a common one (the Redis primary's {@code TIME}), as
 * NTP's simplest filter does it: probe several times, keep the probe with the smallest round
 * trip, take the server's time as read at that probe's midpoint; the uncertainty is half that
 * round trip (the server read its clock somewhere inside it) plus {@code TIME}'s microsecond.
 *
 * @param nanoOffset common time (ns) minus {@link System#nanoTime()}: maps this process's
 *     timestamps onto the common clock
 * @param wallOffsetMicros the common clock minus this machine's wall clock, in microseconds (for
 *     people: how far this machine's clock is from the primary's)
 * @param uncertaintyMicros how far either offset may be off, either way
 * @param probes how many probes it was chosen from
 */
public record ClockEstimate(long nanoOffset, long wallOffsetMicros, long uncertaintyMicros, int probes) {
  /** One probe: this process's clocks around one read of the common clock. */
  public record Probe(long sentNanos, long receivedNanos, long sentWallMicros, long receivedWallMicros,
      long commonMicros) {
    long roundTripNanos() {
      return receivedNanos - sentNanos;
    }
  }

  /** The estimate from {@code probes} (not empty): the one with the smallest round trip decides. */
  public static ClockEstimate of(List<Probe> probes) {
    if (probes.isEmpty()) {
      throw new IllegalArgumentException("no clock probe");
    }
    Probe best = probes.get(0);
    for (Probe probe : probes) {
      if (probe.roundTripNanos() < best.roundTripNanos()) {
        best = probe;
      }
    }
    long midpointNanos = best.sentNanos + best.roundTripNanos() / 2;
    long midpointWallMicros = best.sentWallMicros + (best.receivedWallMicros - best.sentWallMicros) / 2;
    long uncertaintyMicros = (best.roundTripNanos() + 1_999) / 2_000 + 1; // half the trip, rounded up, + TIME's µs
    return new ClockEstimate(best.commonMicros * 1_000 - midpointNanos, best.commonMicros - midpointWallMicros,
        uncertaintyMicros, probes.size());
  }

  /**
   * Probes {@code count} times, back to back.
   *
   * @param commonMicros reads the common clock (e.g. Redis {@code TIME} on a direct connection)
   */
  public static ClockEstimate probe(LongSupplier commonMicros, int count) {
    Clock wall = Clock.systemUTC();
    List<Probe> probes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long sentWall = micros(wall.instant());
      long sent = System.nanoTime();
      long common = commonMicros.getAsLong();
      long received = System.nanoTime();
      long receivedWall = micros(wall.instant());
      probes.add(new Probe(sent, received, sentWall, receivedWall, common));
    }
    return of(probes);
  }

  /** A timestamp of this process ({@link System#nanoTime()}) on the common clock, in nanoseconds. */
  public long commonNanos(long localNanoTime) {
    return localNanoTime + nanoOffset;
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }
}

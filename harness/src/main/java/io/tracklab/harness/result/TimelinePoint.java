package io.tracklab.harness.result;

/**
 * One second of a run, for plots.
 *
 * @param second seconds since the run started (0-based)
 * @param invalidationDelay that second's invalidation delays (µs), encoded so seconds from
 *     several injectors merge exactly; null when there were none
 */
public record TimelinePoint(
    long second,
    long reads,
    long writes,
    long hits,
    long staleReads,
    MetricHistogram invalidationDelay) {

  /** Operations in this second. */
  public long throughput() {
    return reads + writes;
  }

  /** hits / reads, 0 without reads. */
  public double hitRatio() {
    return reads == 0 ? 0 : (double) hits / reads;
  }

  TimelinePoint plus(TimelinePoint other) {
    MetricHistogram delay = invalidationDelay == null ? other.invalidationDelay
        : other.invalidationDelay == null ? invalidationDelay : invalidationDelay.plus(other.invalidationDelay);
    return new TimelinePoint(second, reads + other.reads, writes + other.writes, hits + other.hits,
        staleReads + other.staleReads, delay);
  }
}

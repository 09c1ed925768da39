package io.tracklab.harness.probe;

/**
 * How a read was classified and, when stale, how old it was.
 *
 * @param staleAgeNanos the staleness age for a {@link ReadClass#STALE} read (a lower bound when
 *     the checker's history was too short), else 0
 * @param held a stale read beyond the bound whose verdict waits for the next lost-write audit
 *     ({@link ConsistencyChecker#holdViolations}): not a violation yet, maybe never
 */
public record ReadVerdict(ReadClass readClass, long staleAgeNanos, boolean held) {
  static final ReadVerdict FRESH = new ReadVerdict(ReadClass.FRESH, 0);
  static final ReadVerdict CONCURRENT = new ReadVerdict(ReadClass.CONCURRENT, 0);
  static final ReadVerdict CORRUPT = new ReadVerdict(ReadClass.CORRUPT, 0);
  static final ReadVerdict UNJUDGED = new ReadVerdict(ReadClass.UNJUDGED, 0);

  public ReadVerdict(ReadClass readClass, long staleAgeNanos) {
    this(readClass, staleAgeNanos, false);
  }
}

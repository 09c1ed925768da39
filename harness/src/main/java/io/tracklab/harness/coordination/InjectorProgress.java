package io.tracklab.harness.coordination;

/**
 * An injector's counts since its load started, sent once a second; the controller prints their
 * sum and each share, and takes a silence of {@link CoordinatorServer#MISSED_BEATS} seconds as a
 * dead injector.
 */
public record InjectorProgress(long elapsedMillis, long reads, long hits, long writes, long failedReads,
    long failedWrites, long stale, long violations) {
  public long operations() {
    return reads + writes;
  }

  public InjectorProgress plus(InjectorProgress other) {
    return new InjectorProgress(Math.max(elapsedMillis, other.elapsedMillis), reads + other.reads,
        hits + other.hits, writes + other.writes, failedReads + other.failedReads,
        failedWrites + other.failedWrites, stale + other.stale, violations + other.violations);
  }

  public static final InjectorProgress NONE = new InjectorProgress(0, 0, 0, 0, 0, 0, 0, 0);
}

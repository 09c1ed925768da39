package io.tracklab.harness.probe;

/** How a read compares with the writes acknowledged around it (DESIGN.md section 4). */
public enum ReadClass {
  /** It returned the newest version acknowledged before it started, or a newer one. */
  FRESH,
  /** Not stale, but a newer write was in flight while it ran (sent before it ended). */
  CONCURRENT,
  /** A newer version had been acknowledged before it started. */
  STALE,
  /** The value was never written by the harness: unreadable, another key's, or a future version. */
  CORRUPT,
  /**
   * Not judged: another injector of a distributed run writes this key, and its acknowledgements
   * happened in that process (counted as {@code unjudged_reads}).
   */
  UNJUDGED
}

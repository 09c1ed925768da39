package io.tracklab.topologies.node;

import io.tracklab.topologies.TopologyException;
import java.time.Duration;
import java.util.function.Supplier;

/** Waiting on real conditions, with a timeout that says what never became true and where to look. */
public final class Await {
  private static final long POLL_MILLIS = 20;

  private Await() {}

  /**
   * Polls {@code check} until it returns null. Anything else it returns (or throws) is what is
   * still missing, and ends up in the timeout's message.
   *
   * @param what what is being waited for, e.g. "replica-1 replicating from primary"
   * @param where where to look when it fails, e.g. the node's log file
   */
  public static void until(String what, Duration timeout, Supplier<String> check, String where) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String missing = "not checked yet";
    while (System.nanoTime() < deadline) {
      try {
        missing = check.get();
      } catch (RuntimeException e) {
        missing = e.toString();
      }
      if (missing == null) {
        return;
      }
      sleep();
    }
    throw new TopologyException(what + " did not happen within " + timeout.toMillis() + " ms: " + missing
        + (where == null ? "" : "; see " + where));
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("interrupted while waiting", e);
    }
  }
}

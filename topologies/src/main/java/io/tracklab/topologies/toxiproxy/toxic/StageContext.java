package io.tracklab.topologies.toxiproxy.toxic;

import java.util.random.RandomGenerator;

/**
 * What a toxic may ask of the connection it runs on. Every call happens on the connection's one
 * thread, so toxics need no locks. Time and scheduling are behind this seam so that toxic
 * semantics are tested with fake time instead of sleeps.
 */
public interface StageContext {

  /** Monotonic time in nanoseconds. */
  long nanoTime();

  /** Runs {@code task} on the connection's thread after {@code delayNanos} (0 or less: soon). */
  Cancellable schedule(Runnable task, long delayNanos);

  /** Source of randomness for toxicity, jitter and slice sizes. */
  RandomGenerator random();

  /**
   * Bytes held inside toxics grew or shrank by {@code delta}; the connection stops reading its
   * source while too much is held, so a slow toxic pushes back instead of buffering without bound.
   */
  void bufferedBytesChanged(long delta);

  /** Aborts both sides of the connection with a TCP reset (RST), dropping unsent data. */
  void resetConnection();

  /** A scheduled task that may still be called off. */
  interface Cancellable {
    Cancellable NONE = () -> {};

    void cancel();
  }
}

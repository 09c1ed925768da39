package io.tracklab.harness.workload;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Orders the workload's writes so that Redis applies each key's versions in the order they were
 * taken. The checker judges a read by that order: a read of version 5 after version 6 was
 * acknowledged is stale, and stays stale until the next write of the key.
 *
 * <ul>
 *   <li><b>Per key.</b> Two users writing the same key take versions 5 and 6 on two threads; had
 *       6 reached the connection first, Redis would keep 5 while the checker knew 6 acknowledged,
 *       and judge every read of the key stale until its next write: seconds for a key written
 *       rarely, or while a fault slows the whole run (a full-speed soak found 21 such "violations"
 *       in 10 minutes, all right after a latency fault had cut the rate 60-fold). So a write takes
 *       its version and is handed to the connection as one step under its key's stripe lock
 *       (one connection sends in hand-over order); a hand-over only queues the command, so the
 *       lock is held for microseconds.
 *   <li><b>Around a keyspace change</b> that no write makes (a SWAPDB): the change goes on another
 *       connection than the writes, so a write sent while it is under way could be applied before
 *       or after it and no version order would say which. {@link #exclusive} waits until no write
 *       is being sent and none is unanswered, runs the change, and lets writes go on: each is then
 *       wholly before or after it. Writers wait (blocked, a few milliseconds) while a change
 *       runs: changes are rare fault steps, and a blocked writer is what makes the order exact.
 * </ul>
 */
public final class WriteFence {
  /** Stripes of the per-key order (a power of two): keys that share one only wait for each other's hand-over. */
  private static final int STRIPES = 256;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final Object[] stripes = new Object[STRIPES];

  public WriteFence() {
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
  }

  /**
   * Takes a version of {@code key} and sends the write ({@code send}) as one step, ordered with
   * every other write of the key; the write counts as unanswered until it completes.
   */
  public <T> CompletableFuture<T> send(int key, Supplier<CompletableFuture<T>> send) {
    CompletableFuture<T> reply;
    lock.readLock().lock();
    try {
      unanswered.incrementAndGet();
      try {
        synchronized (stripes[key & (STRIPES - 1)]) {
          reply = send.get();
        }
      } catch (RuntimeException e) {
        unanswered.decrementAndGet();
        throw e;
      }
    } finally {
      lock.readLock().unlock();
    }
    reply.whenComplete((value, failure) -> unanswered.decrementAndGet());
    return reply;
  }

  /**
   * Runs {@code change} with no write being sent and, unless {@code drain} runs out first (a write
   * lost with its connection answers only at its timeout), none unanswered.
   *
   * @return whether every write had been answered when the change ran
   */
  public boolean exclusive(Duration drain, Runnable change) throws InterruptedException {
    lock.writeLock().lockInterruptibly();
    try {
      long deadline = System.nanoTime() + drain.toNanos();
      while (unanswered.get() > 0 && deadline - System.nanoTime() > 0) {
        TimeUnit.MICROSECONDS.sleep(200);
      }
      boolean drained = unanswered.get() == 0;
      change.run();
      return drained;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Writes sent and not answered yet. */
  public int unanswered() {
    return unanswered.get();
  }
}

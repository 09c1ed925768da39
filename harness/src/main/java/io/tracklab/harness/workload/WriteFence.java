package io.tracklab.harness.workload;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Orders the workload's writes around a change of the whole keyspace that no write makes (a
 * SWAPDB). The checker judges a key by the order of its versions; the change goes on another
 * connection than the writes, so a write sent while it is under way could be applied before or
 * after it and no version order would say which. Inside the fence, a write takes its version and
 * is sent as one step; {@link #exclusive} waits until no write is being sent and none is
 * unanswered, runs the change, and lets writes go on: each is then wholly before or after it.
 *
 * <p>Writers wait (blocked, a few milliseconds) while a change runs: changes are rare fault
 * steps, and a blocked writer is what makes the order exact.
 */
public final class WriteFence {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AtomicInteger unanswered = new AtomicInteger();

  /** Takes a version and sends the write ({@code send}) as one step; the write counts as unanswered until it completes. */
  public <T> CompletableFuture<T> send(Supplier<CompletableFuture<T>> send) {
    CompletableFuture<T> reply;
    lock.readLock().lock();
    try {
      unanswered.incrementAndGet();
      try {
        reply = send.get();
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

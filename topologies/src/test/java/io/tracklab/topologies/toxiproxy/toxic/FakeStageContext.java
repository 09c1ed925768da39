package io.tracklab.topologies.toxiproxy.toxic;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/** Fake time for toxics: tasks run only when a test advances the clock past them. */
final class FakeStageContext implements StageContext {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private RandomGenerator random;
  private long now = 1_000_000_000L;
  private long sequence;
  long bufferedBytes;
  int resets;

  FakeStageContext(RandomGenerator random) {
    this.random = random;
  }

  FakeStageContext() {
    this(new java.util.SplittableRandom(42));
  }

  void random(RandomGenerator random) {
    this.random = random;
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    Task scheduled = new Task(now + Math.max(0, delayNanos), sequence++, task);
    tasks.add(scheduled);
    return () -> scheduled.cancelled = true;
  }

  @Override
  public RandomGenerator random() {
    return random;
  }

  @Override
  public void bufferedBytesChanged(long delta) {
    bufferedBytes += delta;
  }

  @Override
  public void resetConnection() {
    resets++;
  }

  /** Milliseconds elapsed since the start of the test clock. */
  long elapsedMillis() {
    return TimeUnit.NANOSECONDS.toMillis(now - 1_000_000_000L);
  }

  void advanceMillis(long millis) {
    advanceNanos(TimeUnit.MILLISECONDS.toNanos(millis));
  }

  void advanceNanos(long nanos) {
    long until = now + nanos;
    while (!tasks.isEmpty() && tasks.peek().at <= until) {
      Task task = tasks.poll();
      if (!task.cancelled) {
        now = Math.max(now, task.at);
        task.runnable.run();
      }
    }
    now = until;
  }

  int pendingTasks() {
    return (int) tasks.stream().filter(task -> !task.cancelled).count();
  }

  private static final class Task implements Comparable<Task> {
    final long at;
    final long sequence;
    final Runnable runnable;
    boolean cancelled;

    Task(long at, long sequence, Runnable runnable) {
      this.at = at;
      this.sequence = sequence;
      this.runnable = runnable;
    }

    @Override
    public int compareTo(Task other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}

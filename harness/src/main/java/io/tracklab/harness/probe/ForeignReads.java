package io.tracklab.harness.probe;

import java.util.ArrayDeque;

/**
 * One injector's reads of keys other injectors write, held until their writers'
 * acknowledgements up to each read's start have arrived (the writer's watermark, on this
 * process's clock), then judged by the checker. Per writer, a queue in arrival order; memory holds
 * the reads of one relay interval or so. Thread-safe.
 */
final class ForeignReads {
  private record Read(int key, long startNanos, long endNanos, String value) {}

  /** Told of each read as it is judged. */
  interface Judge {
    void judge(int key, long startNanos, long endNanos, String value);
  }

  private final ArrayDeque<Read>[] byWriter;

  @SuppressWarnings("unchecked")
  ForeignReads(int writers) {
    byWriter = new ArrayDeque[writers];
    for (int i = 0; i < writers; i++) {
      byWriter[i] = new ArrayDeque<>();
    }
  }

  void add(int writer, int key, long startNanos, long endNanos, String value) {
    ArrayDeque<Read> queue = byWriter[writer];
    synchronized (queue) {
      queue.addLast(new Read(key, startNanos, endNanos, value));
    }
  }

  /**
   * Judges the reads of {@code writer}'s keys that started before {@code watermarkNanos} (every
   * acknowledgement of that writer before it is known), in arrival order: one that started later
   * waits for the next watermark, and so may a few behind it.
   *
   * @return how many were judged
   */
  int judgeUpTo(int writer, long watermarkNanos, Judge judge) {
    ArrayDeque<Read> queue = byWriter[writer];
    int judged = 0;
    while (true) {
      Read read;
      synchronized (queue) {
        read = queue.peekFirst();
        if (read == null || read.startNanos - watermarkNanos > 0) {
          return judged;
        }
        queue.removeFirst();
      }
      judge.judge(read.key, read.startNanos, read.endNanos, read.value);
      judged++;
    }
  }

  /** Reads still waiting. */
  int waiting() {
    int waiting = 0;
    for (ArrayDeque<Read> queue : byWriter) {
      synchronized (queue) {
        waiting += queue.size();
      }
    }
    return waiting;
  }
}

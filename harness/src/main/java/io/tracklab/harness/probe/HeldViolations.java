package io.tracklab.harness.probe;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Stale reads beyond the bound, waiting a while before they count as violations: when a failover
 * lost acknowledged writes, reads that missed only those writes (the primary no longer has them)
 * are not the client's staleness, but the audit that proves the loss comes a little after them.
 * A held read is <b>excused</b> when an audit finds every version it missed lost, and
 * <b>confirmed</b> (a violation) when its time is up or the holding ends.
 *
 * <p>Bounded: past {@code capacity} held reads, a new one is confirmed at once (never excused
 * for lack of room). Thread-safe; every method is short.
 */
final class HeldViolations {
  /** Told of each held read's outcome. */
  interface Outcome {
    void confirmed(int key, long ageNanos);

    void excused(int key, long ageNanos);
  }

  private record Held(int key, long readVersion, long newestMissed, long startNanos, long ageNanos) {}

  private final long windowNanos;
  private final int capacity;
  private final Outcome outcome;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private boolean open = true;

  HeldViolations(long windowNanos, int capacity, Outcome outcome) {
    this.windowNanos = windowNanos;
    this.capacity = capacity;
    this.outcome = outcome;
  }

  /**
   * Holds a stale read of {@code key} that returned {@code readVersion} while versions up to
   * {@code newestMissed} were acknowledged; false when it cannot be held (full, or closed).
   */
  synchronized boolean hold(int key, long readVersion, long newestMissed, long startNanos, long ageNanos) {
    if (!open || held.size() >= capacity) {
      return false;
    }
    held.addLast(new Held(key, readVersion, newestMissed, startNanos, ageNanos));
    return true;
  }

  /**
   * An audit found, per key, versions {@code (lost[0], lost[1]]} gone: held reads of those keys
   * that missed nothing else are excused.
   */
  void excuse(Map<Integer, long[]> lostByKey) {
    if (lostByKey.isEmpty()) {
      return;
    }
    ArrayDeque<Held> excused = new ArrayDeque<>();
    synchronized (this) {
      for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
        Held read = it.next();
        long[] lost = lostByKey.get(read.key());
        if (lost != null && read.readVersion() >= lost[0] && read.newestMissed() <= lost[1]) {
          it.remove();
          excused.add(read);
        }
      }
    }
    excused.forEach(read -> outcome.excused(read.key(), read.ageNanos()));
  }

  /** Confirms the reads held longer than the window. */
  void confirmDue(long nowNanos) {
    ArrayDeque<Held> due = new ArrayDeque<>();
    synchronized (this) {
      while (!held.isEmpty() && nowNanos - held.peekFirst().startNanos() >= windowNanos) {
        due.add(held.pollFirst());
      }
    }
    due.forEach(read -> outcome.confirmed(read.key(), read.ageNanos()));
  }

  /** Confirms every read still held and holds no more. */
  void close() {
    ArrayDeque<Held> rest;
    synchronized (this) {
      open = false;
      rest = new ArrayDeque<>(held);
      held.clear();
    }
    rest.forEach(read -> outcome.confirmed(read.key(), read.ageNanos()));
  }
}

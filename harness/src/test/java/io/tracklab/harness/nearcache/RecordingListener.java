package io.tracklab.harness.nearcache;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every near-cache event with its timestamp, for assertions on order and timing. */
final class RecordingListener implements NearCacheListener {
  record Event(long nanoTime, String what) {}

  final List<Event> events = new CopyOnWriteArrayList<>();

  @Override
  public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
    events.add(new Event(nanoTime, "invalidate " + key));
  }

  @Override
  public void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {
    events.add(new Event(nanoTime, "flush " + reason));
  }

  @Override
  public void onEpochChange(long nanoTime, long epoch) {
    events.add(new Event(nanoTime, "epoch " + epoch));
  }

  @Override
  public void onHealthChange(long nanoTime, boolean healthy) {
    events.add(new Event(nanoTime, healthy ? "healthy" : "unhealthy"));
  }

  /** Time of the first event named {@code what} after {@code sinceNanos}, or -1. */
  long first(String what, long sinceNanos) {
    for (Event event : events) {
      if (event.what().equals(what) && event.nanoTime() - sinceNanos >= 0) {
        return event.nanoTime();
      }
    }
    return -1;
  }
}

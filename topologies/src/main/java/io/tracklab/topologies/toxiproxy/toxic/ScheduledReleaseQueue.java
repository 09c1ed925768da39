package io.tracklab.topologies.toxiproxy.toxic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the toxics that hold chunks until a computed time (latency, bandwidth, slicer). Chunks
 * leave strictly in arrival order, each no earlier than its release time, so a later chunk can
 * never overtake an earlier one, which is what Toxiproxy's one-goroutine-per-toxic pipeline
 * guarantees too. One timer is armed at a time, for the head of the queue.
 */
abstract class ScheduledReleaseQueue implements ToxicBehavior {
  /** Release time of a chunk that waits until the toxic is removed or reconfigured. */
  static final long NEVER = Long.MAX_VALUE;

  protected final StageContext context;
  private final ChunkSink out;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private StageContext.Cancellable timer = StageContext.Cancellable.NONE;
  private long heldBytes;
  private boolean endPending;

  ScheduledReleaseQueue(ChunkSink out, StageContext context) {
    this.out = out;
    this.context = context;
  }

  /** Queues a chunk to leave at {@code releaseAtNanos} (or {@link #NEVER}). */
  protected final void enqueue(Chunk chunk, long releaseAtNanos) {
    queue.addLast(new Pending(chunk, releaseAtNanos));
    heldBytes += chunk.size();
    context.bufferedBytesChanged(chunk.size());
    if (queue.size() == 1) {
      releaseDue();
    }
  }

  /** Called as a chunk leaves; latency moves the chunk's timestamp to its release time. */
  protected void beforeRelease(Chunk chunk, long releaseAtNanos) {}

  @Override
  public final void end() {
    if (queue.isEmpty()) {
      out.end();
    } else {
      endPending = true;
    }
  }

  @Override
  public final Held drain() {
    timer.cancel();
    timer = StageContext.Cancellable.NONE;
    List<Chunk> chunks = new ArrayList<>(queue.size());
    for (Pending pending : queue) {
      chunks.add(pending.chunk);
    }
    queue.clear();
    context.bufferedBytesChanged(-heldBytes);
    heldBytes = 0;
    Held held = new Held(chunks, endPending);
    endPending = false;
    return held;
  }

  private void releaseDue() {
    long now = context.nanoTime();
    while (!queue.isEmpty() && queue.peekFirst().releaseAtNanos <= now) {
      Pending pending = queue.pollFirst();
      heldBytes -= pending.chunk.size();
      context.bufferedBytesChanged(-pending.chunk.size());
      beforeRelease(pending.chunk, pending.releaseAtNanos);
      out.accept(pending.chunk);
    }
    if (queue.isEmpty()) {
      if (endPending) {
        endPending = false;
        out.end();
      }
    } else if (queue.peekFirst().releaseAtNanos != NEVER) {
      timer = context.schedule(this::onTimer, queue.peekFirst().releaseAtNanos - now);
    }
  }

  private void onTimer() {
    timer = StageContext.Cancellable.NONE;
    releaseDue();
  }

  private record Pending(Chunk chunk, long releaseAtNanos) {}
}

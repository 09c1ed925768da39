package io.tracklab.topologies.toxiproxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code reset_peer}: on the first data (or close) after it is added, waits
 * {@code timeout} ms, then aborts the connection with a TCP reset. Data meanwhile is dropped.
 * Unlike Toxiproxy, which only resets connections that existed when it sets SO_LINGER, this
 * toxic resets (RST, not FIN) whether it was added before or after the connection opened.
 */
final class ResetPeerToxic implements ToxicBehavior {
  private final long timeoutNanos;
  private final StageContext context;
  private StageContext.Cancellable pendingReset;

  ResetPeerToxic(long timeoutMillis, ChunkSink out, StageContext context) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
    this.context = context;
  }

  @Override
  public void accept(Chunk chunk) {
    chunk.release();
    trigger();
  }

  @Override
  public void end() {
    trigger();
  }

  @Override
  public Held drain() {
    if (pendingReset != null) {
      pendingReset.cancel();
      pendingReset = null;
    }
    return Held.NOTHING;
  }

  private void trigger() {
    if (pendingReset != null) {
      return;
    }
    if (timeoutNanos == 0) {
      pendingReset = StageContext.Cancellable.NONE;
      context.resetConnection();
    } else {
      pendingReset = context.schedule(context::resetConnection, timeoutNanos);
    }
  }
}

package io.tracklab.topologies.toxiproxy.toxic;

import java.util.concurrent.TimeUnit;

/** Toxiproxy's {@code slow_close}: data passes at once, the close waits {@code delay} ms. */
final class SlowCloseToxic implements ToxicBehavior {
  private final long delayNanos;
  private final ChunkSink out;
  private final StageContext context;
  private StageContext.Cancellable pendingClose;

  SlowCloseToxic(long delayMillis, ChunkSink out, StageContext context) {
    this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    this.out = out;
    this.context = context;
  }

  @Override
  public void accept(Chunk chunk) {
    out.accept(chunk);
  }

  @Override
  public void end() {
    if (pendingClose == null) {
      pendingClose = context.schedule(out::end, delayNanos);
    }
  }

  @Override
  public Held drain() {
    if (pendingClose == null) {
      return Held.NOTHING;
    }
    pendingClose.cancel();
    pendingClose = null;
    return new Held(java.util.List.of(), true);
  }
}

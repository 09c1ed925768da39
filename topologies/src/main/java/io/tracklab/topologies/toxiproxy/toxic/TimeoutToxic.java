package io.tracklab.topologies.toxiproxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code timeout}: every byte is dropped. With {@code timeout > 0} the stream closes
 * once no data has arrived for that long (Toxiproxy restarts its timer on every chunk); with 0 it
 * never closes: a silent partition that leaves the connection open and mute.
 */
final class TimeoutToxic implements ToxicBehavior {
  private final long timeoutNanos;
  private final ChunkSink out;
  private final StageContext context;
  private StageContext.Cancellable timer = StageContext.Cancellable.NONE;

  TimeoutToxic(long timeoutMillis, ChunkSink out, StageContext context) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.out = out;
    this.context = context;
    restartTimer();
  }

  @Override
  public void accept(Chunk chunk) {
    chunk.release();
    restartTimer();
  }

  @Override
  public void end() {
    timer.cancel();
    out.end();
  }

  @Override
  public Held drain() {
    timer.cancel();
    return Held.NOTHING;
  }

  private void restartTimer() {
    if (timeoutNanos > 0) {
      timer.cancel();
      timer = context.schedule(out::end, timeoutNanos);
    }
  }
}

package io.tracklab.topologies.toxiproxy.toxic;

import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code latency}: each chunk leaves {@code latency ± jitter} ms after it entered the
 * proxy, and never before the chunk ahead of it. Jitter is drawn per chunk, uniformly from
 * [-jitter, jitter), in whole milliseconds as Toxiproxy does.
 */
final class LatencyToxic extends ScheduledReleaseQueue {
  private final long latencyMillis;
  private final long jitterMillis;
  private long lastReleaseAt = Long.MIN_VALUE;

  LatencyToxic(long latencyMillis, long jitterMillis, ChunkSink out, StageContext context) {
    super(out, context);
    this.latencyMillis = latencyMillis;
    this.jitterMillis = jitterMillis;
  }

  @Override
  public void accept(Chunk chunk) {
    long delayMillis = latencyMillis;
    if (jitterMillis > 0) {
      delayMillis += context.random().nextLong(jitterMillis * 2) - jitterMillis;
    }
    long releaseAt =
        Math.max(lastReleaseAt, chunk.timestampNanos() + TimeUnit.MILLISECONDS.toNanos(delayMillis));
    lastReleaseAt = releaseAt;
    enqueue(chunk, releaseAt);
  }

  /** A second latency toxic further down the chain adds its delay on top of this one's. */
  @Override
  protected void beforeRelease(Chunk chunk, long releaseAtNanos) {
    chunk.timestampNanos(Math.max(chunk.timestampNanos(), releaseAtNanos));
  }
}

package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import io.tracklab.topologies.toxiproxy.toxic.Chunk;
import io.tracklab.topologies.toxiproxy.toxic.ChunkSink;
import io.tracklab.topologies.toxiproxy.toxic.StageContext;
import io.tracklab.topologies.toxiproxy.toxic.ToxicChain;
import io.tracklab.topologies.toxiproxy.toxic.ToxicDefinition;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One direction of one proxied connection: bytes read from {@code source} run through the
 * direction's {@link ToxicChain} and are written to {@code destination}.
 *
 * <p>Threading: both channels of a connection live on one event loop, and every method here runs
 * on it; timers are scheduled on it too. So the chain needs no locks.
 *
 * <p>Flow control: reading from the source stops while the destination is not writable or toxics
 * hold more than {@link #PAUSE_ABOVE_BYTES}, and resumes below {@link #RESUME_BELOW_BYTES}, so a
 * slow toxic or a slow peer pushes back on the sender, as Toxiproxy's blocking pipes do.
 *
 * <p>Writes are flushed once per read batch (or per timer), not per chunk.
 */
final class ToxicLink implements StageContext, ChunkSink {
  static final long PAUSE_ABOVE_BYTES = 1 << 20;
  static final long RESUME_BELOW_BYTES = 256 << 10;

  private final Channel source;
  private final Channel destination;
  private final ProxiedConnection connection;
  private final ToxicChain chain;
  private long heldBytes;
  private boolean reading = true;
  private boolean flushNeeded;

  ToxicLink(
      Channel source,
      Channel destination,
      ProxiedConnection connection,
      List<ToxicDefinition> toxics) {
    this.source = source;
    this.destination = destination;
    this.connection = connection;
    this.chain = new ToxicChain(toxics, this, this);
  }

  // ---- events from the channels (RelayHandler) ----

  void onRead(ByteBuf data) {
    chain.accept(new Chunk(data, nanoTime()));
  }

  void onReadComplete() {
    flushIfNeeded();
  }

  void onSourceClosed() {
    chain.end();
    flushIfNeeded();
  }

  void onDestinationWritabilityChanged() {
    updateReading();
  }

  void reconcile(List<ToxicDefinition> toxics) {
    chain.reconcile(toxics);
    flushIfNeeded();
  }

  void dispose() {
    chain.dispose();
  }

  // ---- ChunkSink: the end of the chain writes to the destination (the chain calls end() once) ----

  @Override
  public void accept(Chunk chunk) {
    if (!destination.isActive()) {
      chunk.release();
      return;
    }
    destination.write(chunk.data(), destination.voidPromise());
    flushNeeded = true;
    if (!destination.isWritable()) {
      updateReading();
    }
  }

  @Override
  public void end() {
    flushNeeded = false;
    // Toxiproxy closes the whole destination connection (no half-close), after what was written.
    destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  // ---- StageContext ----

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Cancellable schedule(Runnable task, long delayNanos) {
    ScheduledFuture<?> future =
        source
            .eventLoop()
            .schedule(
                () -> {
                  task.run();
                  flushIfNeeded();
                },
                Math.max(0, delayNanos),
                TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  @Override
  public RandomGenerator random() {
    return ThreadLocalRandom.current();
  }

  @Override
  public void bufferedBytesChanged(long delta) {
    heldBytes += delta;
    updateReading();
  }

  @Override
  public void resetConnection() {
    connection.reset();
  }

  private void flushIfNeeded() {
    if (flushNeeded) {
      flushNeeded = false;
      destination.flush();
    }
  }

  private void updateReading() {
    boolean writable = destination.isWritable();
    if (reading && (!writable || heldBytes > PAUSE_ABOVE_BYTES)) {
      reading = false;
      source.config().setAutoRead(false);
    } else if (!reading && writable && heldBytes <= RESUME_BELOW_BYTES) {
      reading = true;
      source.config().setAutoRead(true);
    }
  }
}

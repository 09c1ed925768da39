package io.tracklab.topologies.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/**
 * Bytes read from one side of a proxied connection, with the time they entered the proxy. The
 * stage holding a chunk owns its buffer: it either passes the chunk on or releases it.
 */
public final class Chunk {
  private final ByteBuf data;
  private long timestampNanos;

  public Chunk(ByteBuf data, long timestampNanos) {
    this.data = data;
    this.timestampNanos = timestampNanos;
  }

  public ByteBuf data() {
    return data;
  }

  public int size() {
    return data.readableBytes();
  }

  /** When the bytes arrived, on the {@link StageContext#nanoTime()} clock; latency moves it on. */
  public long timestampNanos() {
    return timestampNanos;
  }

  void timestampNanos(long timestampNanos) {
    this.timestampNanos = timestampNanos;
  }

  /** Splits off the first {@code length} bytes as a chunk of their own with the same timestamp. */
  Chunk split(int length) {
    return new Chunk(data.readRetainedSlice(length), timestampNanos);
  }

  public void release() {
    data.release();
  }
}

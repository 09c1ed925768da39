package io.tracklab.topologies.toxiproxy.toxic;

/**
 * Toxiproxy's {@code limit_data}: passes at most {@code bytes} bytes, then closes the stream. The
 * count survives updates of the limit, so raising it lets more through on the same connection.
 */
final class LimitDataToxic implements ToxicBehavior {
  private final long limit;
  private final Transmitted transmitted;
  private final ChunkSink out;

  LimitDataToxic(long limit, Transmitted transmitted, ChunkSink out, StageContext context) {
    this.limit = limit;
    this.transmitted = transmitted;
    this.out = out;
  }

  @Override
  public void accept(Chunk chunk) {
    long remaining = Math.max(0, limit - transmitted.bytes);
    if (remaining < chunk.size()) {
      Chunk allowed = chunk.split((int) remaining);
      chunk.release();
      chunk = allowed;
    }
    if (chunk.size() > 0) {
      transmitted.bytes += chunk.size();
      out.accept(chunk);
    } else {
      chunk.release();
    }
    if (limit - transmitted.bytes <= 0) {
      out.end();
    }
  }

  @Override
  public void end() {
    out.end();
  }

  /** Bytes passed so far on one connection's direction. */
  static final class Transmitted {
    long bytes;
  }
}

package io.tracklab.topologies.toxiproxy.toxic;

/**
 * Toxiproxy's {@code bandwidth}: {@code rate} KB/s, 1 KB = 1000 bytes. Each byte costs
 * {@code 1 / rate} ms of link time; a chunk leaves once its bytes have been "transmitted", after
 * the chunks before it. Large chunks are cut into pieces of at most 100 ms worth of data (as
 * Toxiproxy does) and at most 16 KiB, so a receiver sees a steady stream rather than bursts.
 * A rate of 0 (or less) lets nothing through until the toxic is removed.
 */
final class BandwidthToxic extends ScheduledReleaseQueue {
  private static final int MAX_PIECE_BYTES = 16 * 1024;

  private final long rateKilobytesPerSecond;
  private long linkFreeAt = Long.MIN_VALUE;

  BandwidthToxic(long rateKilobytesPerSecond, ChunkSink out, StageContext context) {
    super(out, context);
    this.rateKilobytesPerSecond = rateKilobytesPerSecond;
  }

  @Override
  public void accept(Chunk chunk) {
    if (rateKilobytesPerSecond <= 0) {
      enqueue(chunk, NEVER);
      return;
    }
    int maxPiece = (int) Math.max(1, Math.min(rateKilobytesPerSecond * 100, MAX_PIECE_BYTES));
    long now = context.nanoTime();
    while (chunk.size() > maxPiece) {
      Chunk piece = chunk.split(maxPiece);
      enqueue(piece, transmit(piece.size(), now));
    }
    enqueue(chunk, transmit(chunk.size(), now));
  }

  /** Reserves link time for {@code bytes} and returns when they are through. */
  private long transmit(int bytes, long now) {
    // bytes / (rate * 1000 B/s) seconds = bytes * 1e6 / rate nanoseconds
    long costNanos = bytes * 1_000_000L / rateKilobytesPerSecond;
    linkFreeAt = Math.max(linkFreeAt, now) + costNanos;
    return linkFreeAt;
  }
}

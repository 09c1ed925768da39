package io.tracklab.topologies.toxiproxy.toxic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's {@code slicer}: cuts each chunk into slices of about {@code average_size} bytes
 * (halving recursively, each cut moved by up to {@code size_variation} bytes) and sends them
 * {@code delay} µs apart. Unlike Toxiproxy, cuts are kept inside the chunk and slices are at
 * least one byte, so zero or oversized attributes cannot loop or fail.
 */
final class SlicerToxic extends ScheduledReleaseQueue {
  private final long averageSize;
  private final long sizeVariation;
  private final long delayNanos;
  private long busyUntil = Long.MIN_VALUE;

  SlicerToxic(
      long averageSize, long sizeVariation, long delayMicros, ChunkSink out, StageContext context) {
    super(out, context);
    this.averageSize = averageSize;
    this.sizeVariation = sizeVariation;
    this.delayNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, delayMicros));
  }

  @Override
  public void accept(Chunk chunk) {
    List<Integer> sizes = new ArrayList<>();
    slice(0, chunk.size(), sizes);
    long at = Math.max(busyUntil, context.nanoTime());
    for (int i = 0; i < sizes.size() - 1; i++) {
      enqueue(chunk.split(sizes.get(i)), at);
      at += delayNanos;
    }
    enqueue(chunk, at);
    busyUntil = at + delayNanos;
  }

  /** Appends the sizes of the slices of [start, end) to {@code sizes}. */
  private void slice(int start, int end, List<Integer> sizes) {
    int length = end - start;
    if (length <= 1 || length - averageSize <= sizeVariation) {
      if (length > 0) {
        sizes.add(length);
      }
      return;
    }
    int mid = start + length / 2;
    if (sizeVariation > 0) {
      long variation = Math.min(sizeVariation, Integer.MAX_VALUE / 2);
      mid += (int) (context.random().nextLong(variation * 2) - variation);
      mid = Math.max(start + 1, Math.min(end - 1, mid));
    }
    slice(start, mid, sizes);
    slice(mid, end, sizes);
  }
}

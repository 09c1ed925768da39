package io.tracklab.simulations.run;

import io.tracklab.harness.coordination.AckBatch;
import io.tracklab.harness.coordination.ClockEstimate;
import io.tracklab.harness.coordination.CommonClock;
import io.tracklab.harness.probe.RunRecorder;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An injector's side of judging reads across injectors (docs/distributed.md): every
 * {@link #INTERVAL_MILLIS} it hands its own acknowledgements since the last exchange to the
 * controller's relay, on the common clock, with a watermark, and takes the other injectors'. Theirs
 * go into its checker on its own clock, moved later by both clocks' uncertainty (a read is stale
 * against another injector's write only beyond it); then the reads of each writer's keys that
 * started before that writer's watermark are judged. Every {@link #REPROBE_MILLIS} it estimates the
 * common clock again, between two exchanges.
 */
final class AckExchange implements AutoCloseable {
  static final long INTERVAL_MILLIS = 200;
  /** How often the common clock is estimated again during the load (50 probes: a few ms on a LAN). */
  static final long REPROBE_MILLIS = 5_000;
  /** How far behind "now" a watermark stays: an acknowledgement stamped just before a cut may still be on its way into the buffer. */
  private static final long WATERMARK_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private final String name;
  private final int writers;
  private final RunRecorder recorder;
  private final CommonClock clock;
  private long lastProbeNanos = System.nanoTime();
  private volatile String clockFailure;
  private final Function<AckBatch, List<AckBatch>> relay;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "tracklab-ack-exchange");
    t.setDaemon(true);
    return t;
  });
  private long[] buffer = new long[3 * 1024];
  private int size;
  private volatile String failure;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  AckExchange(String name, int writers, RunRecorder recorder, CommonClock clock,
      Function<AckBatch, List<AckBatch>> relay) {
    this.name = name;
    this.writers = writers;
    this.recorder = recorder;
    this.clock = clock;
    this.relay = relay;
    recorder.judgeAcrossInjectors(this::acked);
    thread.scheduleWithFixedDelay(this::exchangeQuietly, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private synchronized void acked(int key, long version, long ackNanos) {
    if (size + 3 > buffer.length) {
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    buffer[size++] = key;
    buffer[size++] = version;
    buffer[size++] = clock.current().commonNanos(ackNanos);
  }

  private void exchangeQuietly() {
    reprobeWhenDue();
    try {
      exchange();
    } catch (RuntimeException e) {
      if (failure == null) {
        failure = e.getMessage();
        System.out.println("tracklab: " + name + " could not exchange acknowledgements (" + e.getMessage()
            + "); reads of other injectors' keys wait (the next exchange may catch up)");
      }
    }
  }

  /** A new estimate of the common clock every {@link #REPROBE_MILLIS}; a failed one keeps the last in use. */
  private void reprobeWhenDue() {
    long now = System.nanoTime();
    if (now - lastProbeNanos < TimeUnit.MILLISECONDS.toNanos(REPROBE_MILLIS) || closed.get()) {
      return;
    }
    lastProbeNanos = now;
    try {
      clock.reprobe();
    } catch (RuntimeException e) {
      if (clockFailure == null) {
        clockFailure = e.getMessage();
        System.out.println("tracklab: " + name + " could not estimate the common clock again (" + e.getMessage()
            + "); the last estimate stays in use");
      }
    }
  }

  /** The acknowledgements since the last cut; the buffer starts again (Lettuce's threads append to it). */
  private synchronized long[] cut() {
    long[] acks = Arrays.copyOf(buffer, size);
    size = 0;
    return acks;
  }

  /**
   * One exchange: ours out, theirs in, and the reads their watermarks release judged. The relay's
   * request runs outside the buffer's lock: the I/O threads that append never wait for the network.
   * Called by one thread at a time (the exchange's own, then {@link #close} after it stopped).
   */
  void exchange() {
    ClockEstimate clock = this.clock.current();
    long watermark = clock.commonNanos(System.nanoTime() - WATERMARK_LAG_NANOS);
    AckBatch mine = new AckBatch(name, watermark, clock.uncertaintyMicros() * 1_000, cut());
    List<AckBatch> theirs = relay.apply(mine);
    long ownUncertainty = clock.uncertaintyMicros() * 1_000;
    for (AckBatch batch : theirs) {
      // their common times onto this clock, moved later by both uncertainties
      long shift = -clock.nanoOffset() + batch.uncertaintyNanos() + ownUncertainty;
      long[] acks = batch.acks();
      for (int i = 0; i < acks.length; i += 3) {
        recorder.foreignWriteAcked((int) acks[i], acks[i + 1], acks[i + 2] + shift);
      }
      int writer = writerIndex(batch.injector());
      if (writer >= 0) {
        // every acknowledgement of theirs before the watermark is known: reads that started before it can be judged
        recorder.foreignWatermark(writer, batch.watermarkCommonNanos() - clock.nanoOffset());
      }
    }
  }

  /** {@code injector-3} writes slice 2. */
  private int writerIndex(String injector) {
    try {
      int index = Integer.parseInt(injector.substring(injector.lastIndexOf('-') + 1)) - 1;
      return index >= 0 && index < writers ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Stops the periodic exchange after a last one (the run's end). */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchangeQuietly();
  }
}

package io.tracklab.harness.soak;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Samples this JVM's heap, threads, file descriptors and sockets at a fixed interval during a
 * soak, from the platform MXBeans and {@code /proc/self/fd}.
 *
 * <p>Heap is measured after an explicit full collection ({@code MemoryMXBean.gc()}): what is
 * still reachable, the only figure in which a leak shows before it is too late. One collection a
 * sample (a minute apart by default) costs a pause the run's figures absorb; sampling the pools'
 * usage without collecting would measure the garbage too, which grows and shrinks with the load.
 */
public final class ResourceSampler implements AutoCloseable {
  private static final Path FDS = Path.of("/proc/self/fd");

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tracklab-soak-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final List<ResourceSample> samples = new ArrayList<>();
  private final long startNanos = System.nanoTime();
  private final Consumer<ResourceSample> onSample;
  private final BooleanSupplier underLoad;
  private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * Samples now and then every {@code interval}; {@code underLoad} says whether a run is going on,
   * {@code onSample} hears each sample (progress output).
   */
  public ResourceSampler(Duration interval, BooleanSupplier underLoad, Consumer<ResourceSample> onSample) {
    this.onSample = onSample;
    this.underLoad = underLoad;
    timer.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void sample() {
    ResourceSample sample = now((System.nanoTime() - startNanos) / 1_000_000, underLoad.getAsBoolean());
    synchronized (samples) {
      samples.add(sample);
    }
    onSample.accept(sample);
  }

  /** One sample of this JVM, taken now. */
  public static ResourceSample now(long elapsedMillis, boolean underLoad) {
    ManagementFactory.getMemoryMXBean().gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    long files = os instanceof UnixOperatingSystemMXBean unix ? unix.getOpenFileDescriptorCount() : -1;
    return new ResourceSample(elapsedMillis, heap, threads, files, sockets(), underLoad);
  }

  /** Open sockets: the descriptors in {@code /proc/self/fd} that link to {@code socket:[inode]}; -1 off Linux. */
  static long sockets() {
    if (!Files.isDirectory(FDS)) {
      return -1;
    }
    try (Stream<Path> fds = Files.list(FDS)) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException | UnsupportedOperationException gone) {
          return false; // closed between the listing and the read
        }
      }).count();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The samples so far, in order. */
  public List<ResourceSample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  /** Stops sampling after one last sample; idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sample();
  }
}

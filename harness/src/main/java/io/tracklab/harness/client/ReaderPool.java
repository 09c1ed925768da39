package io.tracklab.harness.client;

import io.tracklab.harness.nearcache.NearCacheRead;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Threads of an adapter whose library reads block (Lettuce's {@code CacheFrontend}, Jedis): reads
 * run here, never on the caller's thread, which is one of Gatling's event loops. A hit pays the
 * hand-off too; that is part of what such a client costs as designed.
 */
final class ReaderPool implements AutoCloseable {
  /** As many as the simulations' default users, so none waits for a thread. */
  static final int THREADS = 16;

  private final ExecutorService threads;
  /** Per reader thread: whether its current read was served from the library's local store. */
  private final ThreadLocal<boolean[]> servedLocally = ThreadLocal.withInitial(() -> new boolean[1]);

  /** Daemon threads named {@code <name>-reader-<n>}. */
  ReaderPool(String name) {
    AtomicInteger ids = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, name + "-reader-" + ids.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * Runs {@code read} on a pool thread. The libraries expose no per-read hit signal, so their
   * store hooks call {@link #servedLocally} on the reading thread, and the read is local when the
   * last call said so.
   */
  CompletableFuture<NearCacheRead<String>> read(Supplier<String> read) {
    return CompletableFuture.supplyAsync(() -> {
      boolean[] local = servedLocally.get();
      local[0] = false;
      String value = read.get();
      return new NearCacheRead<>(value, local[0]);
    }, threads);
  }

  /** Called by a library's store hook on the reading thread: whether the value it hands back is the local one. */
  void servedLocally(boolean local) {
    servedLocally.get()[0] = local;
  }

  /** Interrupts reads in flight and waits up to 2 s for the threads to end. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.tracklab.harness.client;

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

  /** Daemon threads named {@code <name>-reader-<n>}. */
  ReaderPool(String name) {
    AtomicInteger ids = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(THREADS, runnable -> {
      Thread thread = new Thread(runnable, name + "-reader-" + ids.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  <T> CompletableFuture<T> read(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, threads);
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

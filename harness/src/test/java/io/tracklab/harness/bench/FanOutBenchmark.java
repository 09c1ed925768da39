package io.tracklab.harness.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.TrackedNearCache;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The fan-out figure no near-cache library publishes: how long an invalidation takes to reach
 * each of N near-caches tracking the same hot keys (Redis sends one push per tracking client per
 * write), for N = 1, 10, 100 (argument: {@code 1,10,100}). One writer writes the hot keys one at
 * a time, at a fixed pace, directly to Redis; every near-cache holds every hot key (it re-reads a
 * key as soon as it is invalidated, so it tracks it again); the delay of each copy is measured
 * from the write's acknowledgement to that near-cache dropping the key, on this JVM's one clock.
 * Near-caches connect through the topology's proxy, as the harness's client under test does.
 *
 * <p>Not every write is timed in every near-cache: an invalidation that overtakes the write's
 * reply (they travel different connections) finds no acknowledgement to measure from, and a write
 * can find a near-cache that has not re-read the key yet; the line says how many were timed.
 *
 * <p>A benchmark, not a test: {@code ./mvnw -B -pl harness -am -Pfanout -DskipTests verify};
 * prints one line per N and writes nothing else.
 */
public final class FanOutBenchmark {
  private static final int HOT_KEYS = 10;
  private static final int WRITES = 2_000;
  private static final long WRITE_EVERY_MICROS = 2_000;

  private FanOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    String counts = args.length > 0 ? args[0] : "1,10,100";
    System.out.printf("fan-out: %d hot keys, %,d writes one every %d µs per N, local standalone Redis behind its proxy, "
        + "%d cores%n", HOT_KEYS, WRITES, WRITE_EVERY_MICROS, Runtime.getRuntime().availableProcessors());
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE)) {
      ClientResources resources = DefaultClientResources.create();
      try {
        measure(topology, resources, 10, false); // warm-up: JIT, connections, Redis' tracking table
        for (String count : counts.split(",")) {
          measure(topology, resources, Integer.parseInt(count.trim()), true);
        }
      } finally {
        resources.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }

  private static void measure(Topology topology, ClientResources resources, int caches, boolean print)
      throws Exception {
    RedisURI proxied = topology.clientUris().get(0);
    Histogram delays = new ConcurrentHistogram(3);
    // per key, the ack time of the write whose invalidations are awaited (written before the write is sent)
    ConcurrentHashMap<String, Long> ackOf = new ConcurrentHashMap<>();
    List<TrackedNearCache<String>> fleet = new ArrayList<>();
    RedisClient direct = RedisClient.create(resources, topology.currentPrimary(0).directUri());
    try (StatefulRedisConnection<String, String> writer = direct.connect()) {
      RedisAsyncCommands<String, String> writes = writer.async();
      for (int k = 0; k < HOT_KEYS; k++) {
        writer.sync().set("hot:" + k, "0");
      }
      for (int i = 0; i < caches; i++) {
        TrackedNearCache<String>[] self = new TrackedNearCache[1];
        NearCacheListener listener = new NearCacheListener() {
          @Override
          public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
            Long ack = ackOf.get(key);
            if (ack != null && wasHeld) {
              delays.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanoTime - ack)));
            }
            if (self[0] != null) {
              self[0].getAsync(key); // track it again for the next write
            }
          }
        };
        TrackedNearCache<String> cache = TrackedNearCache.strings(resources, proxied, NearCacheConfig.builder().build(),
            listener);
        self[0] = cache;
        fleet.add(cache);
        for (int k = 0; k < HOT_KEYS; k++) {
          cache.get("hot:" + k);
        }
      }
      Thread.sleep(200);
      delays.reset();
      long next = System.nanoTime();
      for (int w = 0; w < WRITES; w++) {
        String key = "hot:" + (w % HOT_KEYS);
        next += TimeUnit.MICROSECONDS.toNanos(WRITE_EVERY_MICROS);
        while (System.nanoTime() < next) {
          Thread.onSpinWait();
        }
        // the ack is stamped on the reply's I/O thread; invalidations that beat it are clamped to 0 (early)
        ackOf.remove(key);
        writes.set(key, String.valueOf(w)).thenRun(() -> ackOf.put(key, System.nanoTime()))
            .toCompletableFuture().get(2, TimeUnit.SECONDS);
      }
      Thread.sleep(500);
    } finally {
      fleet.forEach(TrackedNearCache::close);
      direct.shutdown(0, 2, TimeUnit.SECONDS);
    }
    if (!print) {
      return;
    }
    System.out.printf(Locale.ROOT, "fan-out: %4d near-caches tracking the hot keys: %,d invalidations timed "
            + "(of %,d expected), delay p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", caches, delays.getTotalCount(),
        (long) WRITES * caches, delays.getValueAtPercentile(50) / 1e3, delays.getValueAtPercentile(99) / 1e3,
        delays.getMaxValue() / 1e3);
  }
}

package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.TrackedNearCache;
import io.tracklab.harness.workload.KeyChooser;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * No false positives: over a million operations through the near-cache with no fault at all,
 * the checker finds no corruption, no regression, no lost write, no violation of the staleness
 * bound (heartbeat deadline + tolerance), and no stale read older than the invalidation delay
 * measured in the same run. (Writes are acknowledged on one connection and invalidated on
 * another: a read in between is stale by the definition, for as long as the invalidation takes,
 * a JVM pause included.)
 */
class FaultFreeRunIT {
  private static final int KEYS = 10_000;
  private static final int READERS = 3;
  private static final int WRITERS = 1;
  private static final int SIZE = 64;
  private static final long OPERATIONS = 1_000_000;
  private static final Duration DEADLINE = NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE;
  private static final Duration BOUND = DEADLINE.plusMillis(50);

  private static String name(int key) {
    return "key:" + key;
  }

  @Test
  void aMillionOperationsWithoutFaults_reportNothingBeyondTheInvalidationDelay() throws Exception {
    ConsistencyChecker checker = new ConsistencyChecker(
        new CheckerConfig(KEYS, READERS, BOUND), "key:");
    InvalidationDelayProbe delays = new InvalidationDelayProbe(KEYS, key -> Integer.parseInt(key.substring(4)));
    ClientResources resources = DefaultClientResources.create();
    RedisClient writerClient = RedisClient.create(resources);
    AtomicLong operations = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE)) {
      RedisURI uri = topology.clientUris().get(0);
      uri.setTimeout(Duration.ofSeconds(2));
      RedisCommands<String, String> admin = topology.admin("primary");
      for (int key = 0; key < KEYS; key++) {
        long version = checker.nextVersion(key);
        checker.writeSent(key, version, System.nanoTime());
        admin.set(name(key), new VersionedValue(name(key), version, 0).encode(SIZE));
        checker.writeAcked(key, version, System.nanoTime());
      }
      long started = System.nanoTime();
      try (TrackedNearCache<String> cache = TrackedNearCache.strings(resources, uri,
              NearCacheConfig.builder().heartbeatDeadline(DEADLINE).build(), delays);
          StatefulRedisConnection<String, String> writer = writerClient.connect(topology.node("primary").directUri())) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
          threads.add(thread(() -> {
            KeyChooser keys = new KeyDistribution.Zipf(0.99).newChooser(KEYS, 1);
            while (operations.get() < OPERATIONS && System.nanoTime() < deadline) {
              int key = keys.next();
              long version = checker.nextVersion(key);
              long sent = System.nanoTime();
              checker.writeSent(key, version, sent);
              delays.writeSent(key, sent);
              writer.async().set(name(key), new VersionedValue(name(key), version, 0).encode(SIZE))
                  .thenRun(() -> {
                    long acked = System.nanoTime();
                    checker.writeAcked(key, version, acked);
                    delays.writeAcked(key, acked);
                  })
                  .toCompletableFuture().join();
              operations.incrementAndGet();
              LockSupport.parkNanos(200_000);
            }
          }));
        }
        for (int r = 0; r < READERS; r++) {
          int reader = r;
          threads.add(thread(() -> {
            KeyChooser keys = new KeyDistribution.Zipf(0.99).newChooser(KEYS, 100 + reader);
            while (operations.get() < OPERATIONS && System.nanoTime() < deadline) {
              int key = keys.next();
              long start = System.nanoTime();
              try {
                String value = cache.get(name(key));
                checker.readReturned(reader, key, start, System.nanoTime(), value);
              } catch (RuntimeException e) {
                errors.incrementAndGet();
              }
              operations.incrementAndGet();
            }
          }));
        }
        for (Thread thread : threads) {
          thread.join();
        }
        System.out.printf("fault-free run: %d operations in %.1f s, hit ratio %.3f%n", operations.get(),
            (System.nanoTime() - started) / 1e9, cache.stats().hitRatio());
      }
      ConsistencyChecker.LostWrites lost = checker.audit(key -> admin.get(name(key)));
      ConsistencyChecker.CheckerReport report = checker.report();
      double maxDelayMillis = delays.percentileMicros(100) / 1000.0;
      double maxAgeMillis = report.stalenessAgeMicros().getMaxValue() / 1000.0;
      System.out.printf("  invalidation delay p50 %.3f ms, max %.3f ms (%d measured)%n",
          delays.percentileMicros(50) / 1000.0, maxDelayMillis, delays.count());
      System.out.printf("  fresh %d, concurrent %d, stale %d (max age %.3f ms, p99.9 %.3f ms), violations %d, "
              + "regressions %d, corrupt %d, lost versions %d, errors %d%n",
          report.fresh(), report.concurrent(), report.stale(),
          report.stalenessAgeMicros().getMaxValue() / 1000.0,
          report.stalenessAgeMicros().getValueAtPercentile(99.9) / 1000.0, report.violations(), report.regressions(),
          report.corrupt(), lost.versionsLost(), errors.get());
      assertThat(operations.get()).isGreaterThanOrEqualTo(OPERATIONS);
      assertThat(errors.get()).isZero();
      assertThat(report.corrupt()).isZero();
      assertThat(report.regressions()).isZero();
      assertThat(report.violations()).as("stale reads older than %s", BOUND).isZero();
      assertThat(lost.versionsLost()).isZero();
      // HdrHistogram buckets (0.1 %) and stamping on different threads: 1 ms of slack
      assertThat(maxAgeMillis).as("no stale read older than the slowest invalidation")
          .isLessThanOrEqualTo(maxDelayMillis + 1.0);
    } finally {
      writerClient.shutdown(0, 2, TimeUnit.SECONDS);
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Thread thread(Runnable body) {
    Thread thread = new Thread(body);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}

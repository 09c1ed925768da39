package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.topologies.local.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Planted truth for staleness: a local cache with a TTL of T and no invalidation at all, in
 * front of a key a writer changes every half millisecond. An entry loaded at t is served until
 * t + T while newer versions pile up, so stale reads must be at most T old, and, since a write
 * lands within half a millisecond of every load, the oldest must be almost exactly T.
 */
class StalenessPlantedIT {
  private static final Duration TTL = Duration.ofMillis(50);
  private static final int SIZE = 64;
  private static RedisServerProcess redis;
  private static ClientResources resources;
  private static RedisClient client;

  @BeforeAll
  static void start() {
    redis = RedisServerProcess.start(Path.of("target", "tracklab", "it-redis-staleness"));
    resources = DefaultClientResources.create();
    client = RedisClient.create(resources, "redis://" + redis.address());
  }

  @AfterAll
  static void stop() {
    client.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    redis.close();
  }

  /**
   * The TTL-only cache: a plain GET on a miss, nothing else, and each entry expires T after its
   * GET was sent (Caffeine's variable expiry), so its value is never served more than T after
   * Redis could have given it. (Counting T from the insertion instead would add the load's
   * latency, up to a descheduled thread's milliseconds, to every age.)
   */
  private static final class TtlCache {
    private record Loaded(String value, long loadStartNanos) {}

    private final Cache<String, Loaded> local = Caffeine.newBuilder()
        .expireAfter(Expiry.<String, Loaded>creating(
            (key, loaded) -> TTL.minusNanos(System.nanoTime() - loaded.loadStartNanos())))
        .build();
    private final StatefulRedisConnection<String, String> connection = client.connect();

    String get(String key) {
      return local.get(key, k -> {
        long loadStart = System.nanoTime();
        return new Loaded(connection.sync().get(k), loadStart);
      }).value();
    }
  }

  @Test
  void ttlOnlyCache_staleAgesStayWithinTheTtl_andTheOldestIsTheTtl() throws Exception {
    String key = "key:0";
    ConsistencyChecker checker = new ConsistencyChecker(
        new CheckerConfig(1, 2, TTL, 64), "key:");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    List<Thread> threads = new ArrayList<>();
    try (StatefulRedisConnection<String, String> writer = client.connect()) {
      long first = checker.nextVersion(0);
      writer.sync().set(key, new VersionedValue(key, first, 0).encode(SIZE));
      checker.writeSent(0, first, System.nanoTime());
      checker.writeAcked(0, first, System.nanoTime());
      threads.add(thread(() -> {
        while (System.nanoTime() < end) {
          long version = checker.nextVersion(0);
          checker.writeSent(0, version, System.nanoTime());
          writer.async().set(key, new VersionedValue(key, version, 0).encode(SIZE))
              .thenRun(() -> checker.writeAcked(0, version, System.nanoTime())); // stamped on the I/O thread
          LockSupport.parkNanos(500_000);
        }
      }));
      for (int reader = 0; reader < 2; reader++) {
        int id = reader;
        threads.add(thread(() -> {
          TtlCache cache = new TtlCache();
          while (System.nanoTime() < end) {
            long started = System.nanoTime();
            String value = cache.get(key);
            checker.readReturned(id, 0, started, System.nanoTime(), value);
          }
        }));
      }
      for (Thread thread : threads) {
        thread.join();
      }
    }
    ConsistencyChecker.CheckerReport report = checker.report();
    double maxMillis = report.stalenessAgeMicros().getMaxValue() / 1000.0;
    double minMillis = report.stalenessAgeMicros().getMinValue() / 1000.0;
    System.out.printf("TTL %d ms planted: %d reads, %d stale, ages %.3f..%.3f ms, p50 %.3f ms, beyond history %d%n",
        TTL.toMillis(), report.reads(), report.stale(), minMillis, maxMillis,
        report.stalenessAgeMicros().getValueAtPercentile(50) / 1000.0, report.beyondHistory());
    assertThat(report.stale()).isPositive();
    assertThat(report.corrupt()).isZero();
    assertThat(minMillis).isGreaterThanOrEqualTo(0);
    assertThat(maxMillis).isLessThanOrEqualTo(TTL.toMillis());
    assertThat(maxMillis).isGreaterThanOrEqualTo(TTL.toMillis() - 1.0);
  }

  private static Thread thread(Runnable body) {
    Thread thread = new Thread(body);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}

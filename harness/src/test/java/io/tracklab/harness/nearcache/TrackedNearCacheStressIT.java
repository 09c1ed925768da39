package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Readers on the near-cache, writers straight to Redis, and random latency and resets on the
 * cache's link; afterwards every read is checked against the writes' acknowledgements. A read of
 * version v that started after a newer version was acknowledged is stale; its age is how long
 * before the read that newer version was acknowledged. No stale read may be older than the
 * bound: heartbeat deadline + the largest injected latency + a tolerance for scheduling.
 *
 * <p>The same run with the miss race left open (replies stored without the token's
 * compare-and-set) must find violations: that is what shows the check can catch the race.
 */
class TrackedNearCacheStressIT {
  private static final int KEYS = 40;
  private static final int WRITERS = 2;
  private static final int READERS = 4;
  private static final Duration DEADLINE = Duration.ofMillis(200);
  private static final int MAX_LATENCY_MILLIS = 5;
  private static final Duration TOLERANCE = Duration.ofMillis(50);
  private static final Duration BOUND = DEADLINE.plusMillis(MAX_LATENCY_MILLIS).plus(TOLERANCE);

  private static Topology topology;
  private static ClientResources resources;
  private static RedisClient writerClient;

  @BeforeAll
  static void start() {
    topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
    resources = DefaultClientResources.create();
    writerClient = RedisClient.create(resources);
  }

  @AfterAll
  static void stop() {
    writerClient.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    topology.close();
  }

  /** Acknowledged versions of one key, in order (one writer per key). */
  private static final class Acks {
    final List<long[]> versions = new CopyOnWriteArrayList<>(); // {version, ackNanos}

    /** Ack time of the first version newer than {@code version}, or MAX_VALUE. */
    long firstNewerAck(long version) {
      for (long[] entry : versions) {
        if (entry[0] > version) {
          return entry[1];
        }
      }
      return Long.MAX_VALUE;
    }
  }

  private record Read(String key, long startNanos, long version) {}

  private record Verdict(long reads, long staleReads, long violations, long maxAgeMillis, long errors) {}

  @Test
  void noReadIsOlderThanTheBound_underLatencyAndResets() throws Exception {
    Verdict verdict = run(TrackedNearCache.MissStore.COMPARE_AND_SET, Duration.ofSeconds(6));
    System.out.printf("stress (correct client): %s, bound %d ms%n", verdict, BOUND.toMillis());
    assertThat(verdict.reads()).isGreaterThan(10_000);
    assertThat(verdict.violations()).isZero();
  }

  @Test
  void withTheMissRaceOpen_theSameCheckFindsViolations() throws Exception {
    // the race is open in every round but lost only when a write lands inside a miss's window:
    // usually several times in 6 s, not always (CI saw a round without one), so up to 3 rounds
    Verdict verdict = null;
    for (int round = 1; round <= 3 && (verdict == null || verdict.violations() == 0); round++) {
      verdict = run(TrackedNearCache.MissStore.BLIND_PUT_LATER, Duration.ofSeconds(6));
      System.out.printf("stress (miss race open), round %d: %s, bound %d ms%n", round, verdict, BOUND.toMillis());
    }
    assertThat(verdict.violations()).isPositive();
  }

  private Verdict run(TrackedNearCache.MissStore missStore, Duration duration) throws Exception {
    String prefix = "stress-" + missStore + "-";
    Map<String, Acks> acks = new ConcurrentHashMap<>();
    List<StatefulRedisConnection<String, String>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(writerClient.connect(topology.node("primary").directUri()));
    }
    for (int k = 0; k < KEYS; k++) {
      String key = prefix + k;
      writers.get(0).sync().set(key, "0");
      acks.computeIfAbsent(key, x -> new Acks()).versions.add(new long[] {0, System.nanoTime()});
    }
    RedisURI uri = topology.clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(1));
    NearCacheConfig config = NearCacheConfig.builder()
        .heartbeatInterval(Duration.ofMillis(50)).heartbeatDeadline(DEADLINE).build();
    List<Read> reads = new CopyOnWriteArrayList<>();
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + duration.toNanos();
    Proxy proxy = topology.node("primary").proxy();
    List<Thread> threads = new ArrayList<>();
    try (TrackedNearCache<String> cache =
        TrackedNearCache.strings(resources, uri, config, NearCacheListener.NONE, missStore)) {
      for (int w = 0; w < WRITERS; w++) {
        int writer = w;
        threads.add(started(() -> {
          long[] version = new long[KEYS];
          while (System.nanoTime() < end) {
            int k = writer + WRITERS * ThreadLocalRandom.current().nextInt(KEYS / WRITERS);
            String key = prefix + k;
            long next = ++version[k];
            writers.get(writer).sync().set(key, Long.toString(next));
            acks.get(key).versions.add(new long[] {next, System.nanoTime()});
            sleepMicros(ThreadLocalRandom.current().nextInt(2_000, 12_000));
          }
        }));
      }
      for (int r = 0; r < READERS; r++) {
        threads.add(started(() -> {
          while (System.nanoTime() < end) {
            String key = prefix + ThreadLocalRandom.current().nextInt(KEYS);
            long start = System.nanoTime();
            try {
              String value = cache.get(key);
              reads.add(new Read(key, start, Long.parseLong(value)));
            } catch (NearCacheException e) {
              errors.incrementAndGet();
              sleepMicros(1_000);
            }
          }
        }));
      }
      chaos(proxy, end);
      for (Thread thread : threads) {
        thread.join();
      }
    } finally {
      writers.forEach(StatefulRedisConnection::close);
      for (var toxic : proxy.toxics().getAll()) {
        toxic.remove();
      }
    }
    return check(reads, acks, errors.get());
  }

  /** Until {@code end}: latency up to 5 ms on and off, and now and then a reset. */
  private static void chaos(Proxy proxy, long end) throws IOException, InterruptedException {
    boolean latency = false;
    while (System.nanoTime() < end) {
      Thread.sleep(300);
      int dice = ThreadLocalRandom.current().nextInt(10);
      if (dice < 4) {
        if (latency) {
          proxy.toxics().get("lag").remove();
        } else {
          proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM,
              ThreadLocalRandom.current().nextInt(1, MAX_LATENCY_MILLIS + 1));
        }
        latency = !latency;
      } else if (dice == 9) {
        proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
        Thread.sleep(30);
        proxy.toxics().get("rst").remove();
      }
    }
  }

  private static Verdict check(List<Read> reads, Map<String, Acks> acks, long errors) {
    long stale = 0;
    long violations = 0;
    long maxAge = 0;
    for (Read read : reads) {
      long newer = acks.get(read.key()).firstNewerAck(read.version());
      if (newer - read.startNanos() < 0) {
        long age = read.startNanos() - newer;
        stale++;
        maxAge = Math.max(maxAge, age);
        if (age > BOUND.toNanos()) {
          violations++;
        }
      }
    }
    return new Verdict(reads.size(), stale, violations, TimeUnit.NANOSECONDS.toMillis(maxAge), errors);
  }

  private static Thread started(Runnable body) {
    Thread thread = new Thread(body);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void sleepMicros(long micros) {
    try {
      TimeUnit.MICROSECONDS.sleep(micros);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

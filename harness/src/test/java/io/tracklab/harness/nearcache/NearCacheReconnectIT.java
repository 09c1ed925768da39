package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.harness.testing.SharedTopology;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tracking connection killed again and again ({@code CLIENT KILL ID}) while readers run:
 * reads during a reconnect fail at once with {@link NotConnectedException} (as documented), never
 * with anything else, and the statistics name every drop a disconnect, never a heartbeat miss.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class NearCacheReconnectIT {
  private static final int KILLS = 20;
  private static final int READERS = 4;

  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();
  @RegisterExtension
  static final SharedTopology TOPOLOGY = new SharedTopology(TopologyKind.STANDALONE);

  private static RedisCommands<String, String> redis;

  @BeforeAll
  static void connectAdmin() {
    redis = TOPOLOGY.admin("primary");
  }

  /** The id of the connection with tracking on (CLIENT LIST flag {@code t}). */
  private static String trackingConnectionId() {
    for (String line : redis.clientList().split("\n")) {
      Map<String, String> fields = new java.util.HashMap<>();
      for (String field : line.trim().split(" ")) {
        int equals = field.indexOf('=');
        if (equals > 0) {
          fields.put(field.substring(0, equals), field.substring(equals + 1));
        }
      }
      if (fields.getOrDefault("flags", "").contains("t")) {
        return fields.get("id");
      }
    }
    return null;
  }

  @Test
  void killedAgainAndAgain_readsFailOnlyAsDocumented_andEveryDropIsADisconnect() throws Exception {
    for (int i = 0; i < 100; i++) {
      redis.set("key:" + i, "value-" + i);
    }
    RedisURI uri = TOPOLOGY.get().clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(2));
    AtomicBoolean reading = new AtomicBoolean(true);
    AtomicLong reads = new AtomicLong();
    AtomicLong notConnected = new AtomicLong();
    Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    try (TrackedNearCache<String> cache = TrackedNearCache.strings(RESOURCES.get(), uri, NearCacheConfig.builder().build(),
        NearCacheListener.NONE)) {
      List<Future<?>> running = new ArrayList<>();
      for (int reader = 0; reader < READERS; reader++) {
        running.add(readers.submit(() -> {
          int i = 0;
          while (reading.get()) {
            String key = "key:" + (i++ % 100);
            try {
              String value = cache.get(key);
              if (!("value-" + key.substring(4)).equals(value)) {
                unexpected.put(key, new AssertionError("read " + value));
              }
              reads.incrementAndGet();
            } catch (NotConnectedException documented) {
              notConnected.incrementAndGet();
            } catch (RuntimeException other) {
              unexpected.put(key + " " + other, other);
            }
          }
        }));
      }
      for (int kill = 0; kill < KILLS; kill++) {
        String id = await().atMost(Duration.ofSeconds(5)).until(NearCacheReconnectIT::trackingConnectionId,
            found -> found != null);
        Thread.sleep(50); // readers hit for a while on this connection
        redis.clientKill(KillArgs.Builder.id(Long.parseLong(id)));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> trackingConnectionId() != null);
      Thread.sleep(100);
      reading.set(false);
      for (Future<?> reader : running) {
        reader.get(10, TimeUnit.SECONDS);
      }

      NearCacheStats stats = cache.stats();
      System.out.printf("%d kills under %d readers: %d reads, %d refused at once (NotConnectedException), %s%n",
          KILLS, READERS, reads.get(), notConnected.get(), stats);
      assertThat(unexpected).isEmpty();
      assertThat(reads.get()).isGreaterThan(KILLS * 10L);
      assertThat(stats.flushes().get(FlushReason.DISCONNECTED)).isEqualTo(KILLS);
      assertThat(stats.heartbeatMisses()).isZero();
      assertThat(stats.hitsRefusedUnhealthy()).isZero();
      assertThat(stats.flushes().get(FlushReason.HEARTBEAT_MISSED)).isZero();
    } finally {
      reading.set(false);
      readers.shutdownNow();
      redis.flushall();
    }
  }
}

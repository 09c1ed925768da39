package io.tracklab.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Lettuce's client-side caching through the adapter, against a real redis-server behind its proxy. */
class LettuceCscClientIT {
  private static Topology topology;
  private static ClientResources resources;
  private static RedisCommands<String, String> redis;

  @BeforeAll
  static void start() {
    topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
    resources = DefaultClientResources.create();
    redis = topology.admin("primary");
  }

  @AfterAll
  static void stop() {
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    topology.close();
  }


  @Test
  void aSecondRead_isServedLocally_withoutAGetReachingRedis_andAWriteInvalidatesIt() throws Exception {
    List<String> invalidated = new CopyOnWriteArrayList<>();
    NearCacheListener listener = new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        invalidated.add(key);
      }
    };
    redis.set("csc:1", "v1");
    try (CacheClient client = LettuceCscClient.factory()
        .open(new ClientEndpoints(resources, topology.clientUris(), false), listener)) {
      long before = CommandStats.getsServed(redis);
      NearCacheRead<String> first = client.readAsync("csc:1").get(5, TimeUnit.SECONDS);
      NearCacheRead<String> second = client.readAsync("csc:1").get(5, TimeUnit.SECONDS);

      assertThat(first).isEqualTo(new NearCacheRead<>("v1", false));
      assertThat(second).isEqualTo(new NearCacheRead<>("v1", true));
      assertThat(CommandStats.getsServed(redis) - before).as("GETs that reached Redis").isEqualTo(1);

      redis.set("csc:1", "v2");
      await().atMost(Duration.ofSeconds(5)).until(() -> invalidated.contains("csc:1"));
      assertThat(client.readAsync("csc:1").get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v2", false));
      assertThat(CommandStats.getsServed(redis) - before).isEqualTo(2);
    }
  }

  @Test
  void sentinelAndClusterEndpoints_areUnsupported_withTheReason() {
    var sentinelUri = io.lettuce.core.RedisURI.Builder.sentinel("127.0.0.1", 26379, "m").build();
    assertThatThrownBy(() -> LettuceCscClient.factory()
        .open(new ClientEndpoints(resources, List.of(sentinelUri), false), new NearCacheListener() {}))
        .isInstanceOf(UnsupportedClientException.class)
        .hasMessage("lettuce-csc is unsupported here: Lettuce's ClientSideCaching tracks keys on one standalone "
            + "connection; it has no Sentinel or Cluster support");
    assertThatThrownBy(() -> LettuceCscClient.factory()
        .open(new ClientEndpoints(resources, topology.clientUris(), true), new NearCacheListener() {}))
        .isInstanceOf(UnsupportedClientException.class);
  }
}

package io.tracklab.harness.client;

import static io.tracklab.harness.client.CommandStats.getsServed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheConfig;
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

/**
 * The three clients of this project's own, through the same adapter interface as the peers,
 * against a real redis-server behind its proxy: tracklab's caches and invalidates; the TTL cache
 * caches and does not invalidate (its entries only expire); no cache sends every read.
 */
class OwnClientsIT {
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

  private static ClientEndpoints endpoints() {
    return new ClientEndpoints(resources, topology.clientUris(), false);
  }

  private static NearCacheRead<String> read(CacheClient client, String key) throws Exception {
    return client.readAsync(key).get(5, TimeUnit.SECONDS);
  }

  @Test
  void tracklab_aSecondReadIsLocal_withoutAGetReachingRedis_andAWriteInvalidatesIt() throws Exception {
    List<String> invalidated = new CopyOnWriteArrayList<>();
    NearCacheListener listener = new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        invalidated.add(key);
      }
    };
    redis.set("own:1", "v1");
    try (CacheClient client = TrackedClient.factory(NearCacheConfig.builder().build()).open(endpoints(), listener)) {
      long before = getsServed(redis);
      assertThat(read(client, "own:1")).isEqualTo(new NearCacheRead<>("v1", false));
      assertThat(read(client, "own:1")).isEqualTo(new NearCacheRead<>("v1", true));
      assertThat(getsServed(redis) - before).as("GETs that reached Redis").isEqualTo(1);

      redis.set("own:1", "v2");
      await().atMost(Duration.ofSeconds(5)).until(() -> invalidated.contains("own:1"));
      assertThat(read(client, "own:1")).isEqualTo(new NearCacheRead<>("v2", false));
      assertThat(getsServed(redis) - before).isEqualTo(2);
    }
  }

  @Test
  void ttl_aSecondReadIsLocal_aWriteDoesNotReachIt_untilTheEntryExpires() throws Exception {
    redis.set("own:2", "v1");
    try (CacheClient client = TtlClient.factory(Duration.ofMillis(400)).open(endpoints(), new NearCacheListener() { })) {
      long before = getsServed(redis);
      assertThat(read(client, "own:2")).isEqualTo(new NearCacheRead<>("v1", false));
      assertThat(read(client, "own:2")).isEqualTo(new NearCacheRead<>("v1", true));
      assertThat(getsServed(redis) - before).as("GETs that reached Redis").isEqualTo(1);

      redis.set("own:2", "v2");
      assertThat(read(client, "own:2")).as("stale: nothing invalidates a TTL cache")
          .isEqualTo(new NearCacheRead<>("v1", true));
      await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(read(client, "own:2").value()));
      assertThat(getsServed(redis) - before).isEqualTo(2);
    }
  }

  @Test
  void none_everyReadReachesRedis() throws Exception {
    redis.set("own:3", "v1");
    try (CacheClient client = PlainClient.factory().open(endpoints(), new NearCacheListener() { })) {
      long before = getsServed(redis);
      assertThat(read(client, "own:3")).isEqualTo(new NearCacheRead<>("v1", false));
      assertThat(read(client, "own:3")).isEqualTo(new NearCacheRead<>("v1", false));
      assertThat(getsServed(redis) - before).as("GETs that reached Redis").isEqualTo(2);
    }
  }
}

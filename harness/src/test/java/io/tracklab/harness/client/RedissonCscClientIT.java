package io.tracklab.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redisson's client-side caching through the adapter, against real redis-servers behind their proxies. */
class RedissonCscClientIT {
  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();


  /** Connections of the node with {@code CLIENT TRACKING} on (flag {@code t} in CLIENT LIST). */
  private static long trackingConnections(RedisCommands<String, String> node) {
    return node.clientList().lines().filter(line -> line.matches(".* flags=\\S*t\\S* .*")).count();
  }

  /** Invalidations the listener was told about, by key, and whether the key was held. */
  private static final class Invalidations implements NearCacheListener {
    final Map<String, Boolean> heldByKey = new ConcurrentHashMap<>();

    @Override
    public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
      heldByKey.merge(key, wasHeld, Boolean::logicalOr);
    }
  }

  private static List<RedisURI> uris(Topology topology) {
    List<RedisURI> uris = topology.clientUris();
    uris.forEach(uri -> uri.setTimeout(Duration.ofSeconds(2)));
    return uris;
  }

  /**
   * The proof on one key: a miss, then a hit with no GET reaching {@code node}, then a write from
   * another connection invalidates and the next read is a miss with the new value.
   */
  private static void missHitInvalidate(CacheClient client, Invalidations invalidations,
      RedisCommands<String, String> node, String key) throws Exception {
    node.set(key, "v1");
    long before = CommandStats.getsServed(node);
    NearCacheRead<String> first = client.readAsync(key).get(5, TimeUnit.SECONDS);
    NearCacheRead<String> second = client.readAsync(key).get(5, TimeUnit.SECONDS);

    assertThat(first).isEqualTo(new NearCacheRead<>("v1", false));
    assertThat(second).isEqualTo(new NearCacheRead<>("v1", true));
    assertThat(CommandStats.getsServed(node) - before).as("GETs of %s that reached Redis", key).isEqualTo(1);

    node.set(key, "v2");
    await().atMost(Duration.ofSeconds(5)).until(() -> invalidations.heldByKey.containsKey(key));
    assertThat(invalidations.heldByKey).containsEntry(key, true);
    assertThat(client.readAsync(key).get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v2", false));
    assertThat(client.readAsync(key).get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v2", true));
    assertThat(CommandStats.getsServed(node) - before).as("GETs of %s that reached Redis", key).isEqualTo(2);
  }

  @Test
  void standalone_aSecondReadIsLocal_withoutAGetReachingRedis_andAWriteInvalidatesIt() throws Exception {
    Invalidations invalidations = new Invalidations();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
        CacheClient client = RedissonCscClient.factory()
            .open(new ClientEndpoints(RESOURCES.get(), uris(topology), false), invalidations)) {
      missHitInvalidate(client, invalidations, topology.admin("primary"), "csc:1");
    }
  }

  @Test
  void sentinel_readsTheTrackedPrimary_aSecondReadIsLocal_andAWriteInvalidatesIt() throws Exception {
    Invalidations invalidations = new Invalidations();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
        CacheClient client = RedissonCscClient.factory()
            .open(new ClientEndpoints(RESOURCES.get(), uris(topology), false), invalidations)) {
      missHitInvalidate(client, invalidations, topology.admin("primary"), "csc:1");
    }
  }

  @Test
  void cluster_everyPrimaryTracksItsReads_aSecondReadIsLocal_andAWriteInvalidatesIt() throws Exception {
    Invalidations invalidations = new Invalidations();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
        CacheClient client = RedissonCscClient.factory()
            .open(new ClientEndpoints(RESOURCES.get(), uris(topology), true), invalidations)) {
      for (int slot : new int[] {0, 8000, 16000}) { // one on each primary
        String key = keyIn(slot);
        missHitInvalidate(client, invalidations, topology.admin(topology.currentPrimary(slot).name()), key);
      }
    }
  }

  // What Redisson's cache does not handle, pinned so that a Redisson upgrade that fixes it shows.

  @Test
  void standalone_flushAll_isNoInvalidationForRedisson_soItServesTheOldValueOn() throws Exception {
    Invalidations invalidations = new Invalidations();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
        CacheClient client = RedissonCscClient.factory()
            .open(new ClientEndpoints(RESOURCES.get(), uris(topology), false), invalidations)) {
      RedisCommands<String, String> redis = topology.admin("primary");
      redis.set("csc:1", "v1");
      client.readAsync("csc:1").get(5, TimeUnit.SECONDS);

      redis.flushall(); // Redis sends a null invalidation and stops tracking every key
      redis.set("csc:1", "v2");
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(invalidations.heldByKey::isEmpty);
      assertThat(client.readAsync("csc:1").get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v1", true));
    }
  }

  @Test
  void standalone_aReconnect_keepsTheEntries_andNoWriteInvalidatesAnyMore() throws Exception {
    Invalidations invalidations = new Invalidations();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
        CacheClient client = RedissonCscClient.factory()
            .open(new ClientEndpoints(RESOURCES.get(), uris(topology), false), invalidations)) {
      RedisCommands<String, String> redis = topology.admin("primary");
      redis.set("csc:1", "v1");
      client.readAsync("csc:1").get(5, TimeUnit.SECONDS);
      assertThat(trackingConnections(redis)).as("connections with CLIENT TRACKING on").isEqualTo(1);

      topology.node("primary").proxy().disable(); // closes every connection of the client
      assertThat(client.readAsync("csc:1").get(5, TimeUnit.SECONDS))
          .as("a hit while disconnected").isEqualTo(new NearCacheRead<>("v1", true));
      topology.node("primary").proxy().enable();
      AtomicInteger probes = new AtomicInteger();
      await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
          client.readAsync("csc:probe:" + probes.incrementAndGet()).get(300, TimeUnit.MILLISECONDS) != null);
      assertThat(trackingConnections(redis)).as("connections with CLIENT TRACKING on after the reconnect").isZero();

      redis.set("csc:2", "v1");
      client.readAsync("csc:2").get(5, TimeUnit.SECONDS); // read after the reconnect
      redis.set("csc:1", "v2");
      redis.set("csc:2", "v2");
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(invalidations.heldByKey::isEmpty);
      assertThat(client.readAsync("csc:1").get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v1", true));
      assertThat(client.readAsync("csc:2").get(5, TimeUnit.SECONDS)).isEqualTo(new NearCacheRead<>("v1", true));
    }
  }

  /** A key in {@code slot} (keys with a hash tag share its slot). */
  private static String keyIn(int slot) {
    for (int i = 0; ; i++) {
      String tag = "t" + i;
      if (SlotHash.getSlot(tag) == slot) {
        return "{" + tag + "}:csc";
      }
    }
  }
}

package io.tracklab.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.KillArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jedis' client-side caching through the adapter, against real redis-servers behind their proxies. */
class JedisCscClientIT {
  private static Topology standalone;
  private static ClientResources resources;

  @BeforeAll
  static void start() {
    standalone = new LocalProvisioner().start(TopologyKind.STANDALONE);
    resources = DefaultClientResources.create();
  }

  @AfterAll
  static void stop() {
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    standalone.close();
  }

  /** What the adapter told its listener, in order. */
  private static final class Events implements NearCacheListener {
    final List<String> invalidated = new CopyOnWriteArrayList<>();
    final List<FlushReason> flushes = new CopyOnWriteArrayList<>();

    @Override
    public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
      invalidated.add(key + (wasHeld ? "" : " (not held)"));
    }

    @Override
    public void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {
      flushes.add(reason);
    }
  }

  private static CacheClient open(Topology topology, boolean cluster, Events events) {
    topology.clientUris().forEach(uri -> uri.setTimeout(Duration.ofSeconds(2)));
    return JedisCscClient.factory().open(new ClientEndpoints(resources, topology.clientUris(), cluster), events);
  }

  private static NearCacheRead<String> read(CacheClient client, String key) throws Exception {
    return client.readAsync(key).get(5, TimeUnit.SECONDS);
  }


  /**
   * The proof every topology gets: a second read never reaches {@code owner} (the node serving
   * {@code key}), and a write there from another connection invalidates. Jedis reads the push only
   * when it next touches its connection, so the write's effect is awaited by reading: until then
   * reads are the old value, locally; the first one that is not must be the new value, from Redis.
   */
  private static void aSecondReadIsLocal_andAWriteInvalidatesIt(
      CacheClient client, Events events, RedisCommands<String, String> owner, String key) throws Exception {
    owner.set(key, "v1");
    long before = CommandStats.getsServed(owner);
    assertThat(read(client, key)).isEqualTo(new NearCacheRead<>("v1", false));
    assertThat(read(client, key)).isEqualTo(new NearCacheRead<>("v1", true));
    assertThat(CommandStats.getsServed(owner) - before).as("GETs that reached Redis").isEqualTo(1);

    owner.set(key, "v2");
    NearCacheRead<String> stale = new NearCacheRead<>("v1", true);
    AtomicReference<NearCacheRead<String>> next = new AtomicReference<>(stale);
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> !next.updateAndGet(last -> readUnchecked(client, key)).equals(stale));
    assertThat(next.get()).isEqualTo(new NearCacheRead<>("v2", false));
    assertThat(events.invalidated).contains(key);
    assertThat(CommandStats.getsServed(owner) - before).as("GETs that reached Redis").isEqualTo(2);
  }

  private static NearCacheRead<String> readUnchecked(CacheClient client, String key) {
    try {
      return read(client, key);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void standalone_aSecondReadIsServedLocally_withoutAGetReachingRedis_andAWriteInvalidatesIt() throws Exception {
    Events events = new Events();
    try (CacheClient client = open(standalone, false, events)) {
      aSecondReadIsLocal_andAWriteInvalidatesIt(client, events, standalone.admin("primary"), "jedis:1");
    }
    assertThat(events.flushes).as("flushes").endsWith(FlushReason.CLOSED);
  }

  @Test
  void standalone_aConnectionTheServerDropped_keepsServingStaleHits_untilJedisSendsOnIt_thenFlushesEverything()
      throws Exception {
    Events events = new Events();
    RedisCommands<String, String> redis = standalone.admin("primary");
    redis.set("jedis:dropped", "v1");
    try (CacheClient client = open(standalone, false, events)) {
      assertThat(read(client, "jedis:dropped")).isEqualTo(new NearCacheRead<>("v1", false));

      assertThat(redis.clientKill(KillArgs.Builder.typeNormal().skipme())).as("connections killed").isPositive();
      redis.set("jedis:dropped", "v2"); // its tracking died with the connection: no invalidation
      Thread.sleep(200);
      assertThat(read(client, "jedis:dropped")).as("no heartbeat: a stale hit")
          .isEqualTo(new NearCacheRead<>("v1", true));
      assertThat(events.flushes).isEmpty();

      // a miss sends on the dead pooled connection: that read fails, the pool destroys it,
      // and the disconnect flushes the whole cache
      assertThatThrownBy(() -> read(client, "jedis:other")).isInstanceOf(ExecutionException.class);
      assertThat(events.flushes).containsExactly(FlushReason.DISCONNECTED);
      assertThat(read(client, "jedis:dropped")).isEqualTo(new NearCacheRead<>("v2", false));
    }
  }

  @Test
  void sentinel_aSecondReadIsServedLocally_andAWriteInvalidatesIt_aFailoverFlushes_andCloseEndsItsThreads() throws Exception {
    Events events = new Events();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
        CacheClient client = open(topology, false, events)) {
      RedisNode primary = topology.currentPrimary(0);
      aSecondReadIsLocal_andAWriteInvalidatesIt(client, events, topology.admin(primary.name()), "jedis:1");

      // Jedis' first primary lookup already counts as a change (an empty flush): count from here
      long switchesBefore = events.flushes.stream().filter(FlushReason.PRIMARY_CHANGED::equals).count();
      RedisNode promoted = topology.sentinelFailover();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          events.flushes.stream().filter(FlushReason.PRIMARY_CHANGED::equals).count() > switchesBefore);
      RedisCommands<String, String> now = topology.admin(promoted.name());
      assertThat(read(client, "jedis:1")).as("re-read from the new primary").isEqualTo(new NearCacheRead<>("v2", false));
      aSecondReadIsLocal_andAWriteInvalidatesIt(client, events, now, "jedis:2");

      client.close();
      assertThat(events.flushes).as("flushes").endsWith(FlushReason.CLOSED);
      // its readers and Jedis' Sentinel listeners (named after the master) end with it
      String master = topology.masterName().orElseThrow();
      await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
          .extracting(Thread::getName)
          .noneMatch(name -> name.startsWith("jedis-csc-reader-") || name.startsWith(master + "-SentinelListener-")));
    }
  }

  /** A key in {@code slot} (keys with a hash tag share its slot). */
  private static String keyIn(int slot, String suffix) {
    for (int i = 0; ; i++) {
      String tag = "t" + i;
      if (SlotHash.getSlot(tag) == slot) {
        return "{" + tag + "}:" + suffix;
      }
    }
  }

  @Test
  void cluster_aSecondReadIsServedLocally_andAWriteInvalidatesIt_onEveryPrimary() throws Exception {
    Events events = new Events();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
        CacheClient client = open(topology, true, events)) {
      for (int slot : new int[] {0, 8000, 16000}) { // one on each primary
        RedisCommands<String, String> owner = topology.admin(topology.currentPrimary(slot).name());
        aSecondReadIsLocal_andAWriteInvalidatesIt(client, events, owner, keyIn(slot, "k"));
      }
    }
  }
}

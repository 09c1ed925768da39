package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The near-cache's rules against a real standalone Redis behind a proxy, faults by toxics.
 * {@link TrackedNearCacheStandaloneTlsIT} runs every test again on a TLS topology with ACL users.
 */
class TrackedNearCacheStandaloneIT {
  private static Topology topology;
  private static ClientResources resources;
  private static RedisCommands<String, String> redis;
  private static Proxy proxy;
  private final RecordingListener events = new RecordingListener();
  private TrackedNearCache<String> cache;

  @BeforeAll
  static void start() {
    startOn(TopologySecurity.NONE);
  }

  /** Starts the topology the tests run on (subclasses hide {@link #start()} to secure it). */
  static void startOn(TopologySecurity security) {
    topology = new LocalProvisioner().start(TopologyKind.STANDALONE, security);
    resources = DefaultClientResources.create();
    redis = topology.admin("primary");
    proxy = topology.node("primary").proxy();
  }

  @AfterAll
  static void stop() {
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    topology.close();
  }

  @AfterEach
  void closeCache() throws IOException {
    if (cache != null) {
      cache.close();
    }
    proxy.toxics().getAll().forEach(toxic -> {
      try {
        toxic.remove();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    redis.flushall();
  }

  private TrackedNearCache<String> open(NearCacheConfig config) {
    RedisURI uri = topology.clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(2));
    // the topology's TLS settings, whatever the test configured
    NearCacheConfig reaching = config.mutate().ssl(topology.sslOptions().orElse(null)).build();
    cache = TrackedNearCache.strings(resources, uri, reaching, events);
    return cache;
  }

  private TrackedNearCache<String> open() {
    return open(NearCacheConfig.builder().build());
  }

  @Test
  void missThenHit_andAnotherClientsWriteInvalidates() {
    open();
    redis.set("k", "v1");
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(cache.stats().hits()).isEqualTo(1);
    assertThat(cache.stats().misses()).isEqualTo(1);

    redis.set("k", "v2");
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().invalidationsReceived() >= 1);
    assertThat(cache.get("k")).isEqualTo("v2");
    assertThat(events.first("invalidate k", 0)).isPositive();
  }

  @Test
  void absentKeysAreCachedToo_andMgetServesHitsAndFetchesMissesTogether() {
    open();
    redis.set("a", "1");
    assertThat(cache.get("nothing")).isNull();
    assertThat(cache.get("nothing")).isNull();
    assertThat(cache.stats().hits()).isEqualTo(1);
    Map<String, String> values = cache.mget(List.of("a", "nothing", "b"));
    assertThat(values.keySet()).containsExactly("a", "nothing", "b");
    assertThat(values.get("a")).isEqualTo("1");
    assertThat(values.get("nothing")).isNull();
    assertThat(values.get("b")).isNull();
    assertThat(cache.stats().hits()).isEqualTo(2);
    redis.set("b", "2");
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().invalidationsReceived() >= 1);
    assertThat(cache.mget(List.of("a", "b"))).containsEntry("b", "2");
  }

  @Test
  void ownWrites_dropTheLocalEntry_evenWithNoLoop() {
    open(NearCacheConfig.builder().noLoop(true).build());
    redis.set("k", "old");
    assertThat(cache.get("k")).isEqualTo("old");
    cache.set("k", "new");
    assertThat(cache.get("k")).isEqualTo("new");
    cache.delete("k");
    assertThat(cache.get("k")).isNull();
    assertThat(cache.stats().invalidationsReceived()).as("NOLOOP: no pushes for own writes").isZero();
    redis.set("k", "theirs");
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().invalidationsReceived() >= 1);
    assertThat(cache.get("k")).isEqualTo("theirs");
  }

  @Test
  void resetPeer_dropsEveryEntryAtTheDisconnect_andTheNextEpochTracksAgain() throws Exception {
    open();
    resetOnce(); // the first disconnect of a JVM loads Lettuce's failure paths; time the second
    for (int i = 0; i < 20; i++) {
      redis.set("key-" + i, "v" + i);
      cache.get("key-" + i);
    }
    assertThat(cache.size()).isEqualTo(20);

    proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
    long sent = System.nanoTime();
    cache.getAsync("trigger"); // the next bytes to the server reset the connection
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("flush DISCONNECTED", sent) > 0);
    long droppedAfterMicros = (events.first("flush DISCONNECTED", sent) - sent) / 1000;
    System.out.printf("reset_peer: entries dropped %d µs after the request that met the reset%n", droppedAfterMicros);
    assertThat(cache.size()).isZero();
    assertThat(droppedAfterMicros).isLessThan(50_000);

    proxy.toxics().get("rst").remove();
    await().atMost(Duration.ofSeconds(5)).until(() -> events.first("epoch 3", sent) > 0);
    redis.set("key-1", "changed");
    assertThat(cache.get("key-1")).isEqualTo("changed");
    redis.set("key-1", "changed again");
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate key-1", sent) > 0);
    assertThat(cache.get("key-1")).isEqualTo("changed again");
  }

  private void resetOnce() throws Exception {
    long before = System.nanoTime();
    proxy.toxics().resetPeer("warm-up", ToxicDirection.UPSTREAM, 0);
    cache.getAsync("warm-up");
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("flush DISCONNECTED", before) > 0);
    proxy.toxics().get("warm-up").remove();
    await().atMost(Duration.ofSeconds(5)).until(() -> events.first("epoch 2", before) > 0);
  }

  @Test
  void silentPartition_stopsHitsWithinTheHeartbeatDeadline_thenHealsWithANewEpoch() throws Exception {
    Duration deadline = Duration.ofMillis(200);
    open(NearCacheConfig.builder().heartbeatInterval(Duration.ofMillis(50)).heartbeatDeadline(deadline).build());
    redis.set("k", "v");
    cache.get("k");
    Thread.sleep(120); // a few heartbeats

    proxy.toxics().timeout("partition", ToxicDirection.DOWNSTREAM, 0);
    long partitioned = System.nanoTime();
    long lastHit = partitioned;
    long hits = cache.stats().hits();
    while (System.nanoTime() - partitioned < TimeUnit.MILLISECONDS.toNanos(600)) {
      cache.getAsync("k"); // a refused hit goes remote and hangs: do not wait for it
      long now = cache.stats().hits();
      if (now > hits) {
        lastHit = System.nanoTime();
        hits = now;
      }
      Thread.sleep(1);
    }
    double lastHitMillis = (lastHit - partitioned) / 1e6;
    System.out.printf("silent partition: last hit %.1f ms after the partition (deadline %d ms)%n",
        lastHitMillis, deadline.toMillis());
    assertThat(lastHitMillis).isLessThanOrEqualTo(deadline.toMillis() + 5.0);
    // whichever sees the deadline pass first (a read refusing the hit, or the heartbeat thread)
    // flushes; how many hits were refused before the flush is a race, the one flush is not
    assertThat(cache.stats().flushes().get(FlushReason.HEARTBEAT_MISSED)).isEqualTo(1);
    assertThat(cache.size()).isZero();

    proxy.toxics().get("partition").remove(); // Toxiproxy closes the partitioned connections
    await().atMost(Duration.ofSeconds(5)).until(() -> events.first("epoch 2", partitioned) > 0);
    redis.set("k", "after");
    assertThat(cache.get("k")).isEqualTo("after");
    assertThat(cache.get("k")).isEqualTo("after");
    assertThat(cache.stats().hits()).isGreaterThan(hits);
  }

  /** A cache holding key-0 to key-9. */
  private void cacheTenKeys() {
    open();
    for (int i = 0; i < 10; i++) {
      redis.set("key-" + i, "v");
      cache.get("key-" + i);
    }
  }

  @Test
  void flushAllFromAnotherClient_emptiesTheCache() {
    cacheTenKeys();
    redis.flushall();
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().flushes().get(FlushReason.NULL_INVALIDATION) == 1);
    assertThat(cache.size()).isZero();
    assertThat(cache.get("key-3")).isNull();
  }

  @Test
  void flushDbAsync_emptiesTheCacheToo() {
    cacheTenKeys();
    redis.flushdb(io.lettuce.core.FlushMode.ASYNC);
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().flushes().get(FlushReason.NULL_INVALIDATION) == 1);
    assertThat(cache.size()).isZero();
    redis.set("key-3", "after");
    assertThat(cache.get("key-3")).isEqualTo("after");
  }

  @Test
  void aTrackingTableTooSmall_evictsKeysFromIt_andTheCacheDropsThem_soNoWriteGoesUnseen() {
    open();
    String before = redis.configGet("tracking-table-max-keys").get("tracking-table-max-keys");
    try {
      redis.configSet("tracking-table-max-keys", "5");
      for (int i = 0; i < 50; i++) {
        redis.set("key-" + i, "v1");
        assertThat(cache.get("key-" + i)).isEqualTo("v1");
      }
      // Redis evicts keys from its table past 5 and invalidates them, though nothing wrote them
      await().atMost(Duration.ofSeconds(3)).until(() -> cache.stats().invalidationsReceived() >= 40);
      assertThat(cache.size()).as("the evicted keys left the cache").isLessThanOrEqualTo(10);
      // a write of an evicted key sends nothing (Redis no longer tracks it): only a cache without it reads it right
      for (int i = 0; i < 50; i++) {
        redis.set("key-" + i, "v2");
      }
      await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
        for (int i = 0; i < 50; i++) {
          assertThat(cache.get("key-" + i)).as("key-" + i).isEqualTo("v2");
        }
      });
    } finally {
      redis.configSet("tracking-table-max-keys", before);
    }
  }

  @Test
  void broadcast_invalidatesKeysUnderItsPrefixes_andDoesNotCacheOthers() {
    open(NearCacheConfig.builder().broadcast("user:").build());
    redis.set("user:1", "ann");
    redis.set("order:1", "book");
    // BCAST announces every write under a prefix, also these: let that announcement arrive
    // first, or it would (rightly) evict the entry the reads below are about to cache.
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate user:1", 0) > 0);
    long warmed = System.nanoTime();
    assertThat(cache.get("user:1")).isEqualTo("ann");
    assertThat(cache.get("order:1")).isEqualTo("book");
    assertThat(cache.get("user:1")).isEqualTo("ann");
    assertThat(cache.get("order:1")).isEqualTo("book");
    assertThat(cache.stats().hits()).as("only user:1 is cached").isEqualTo(1);

    redis.set("user:2", "never read, still announced");
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate user:2", 0) > 0);
    redis.set("user:1", "bob");
    await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate user:1", warmed) > 0);
    assertThat(cache.get("user:1")).isEqualTo("bob");
    assertThat(events.first("invalidate order:1", 0)).isEqualTo(-1);
  }

  @Test
  void optin_marksEveryCachedRead_soInvalidationsStillArrive() {
    open(NearCacheConfig.builder().mode(TrackingMode.OPTIN).build());
    redis.set("k", "v1");
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(cache.get("k")).isEqualTo("v1");
    redis.set("k", "v2");
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.stats().invalidationsReceived() >= 1);
    assertThat(cache.get("k")).isEqualTo("v2");
  }

  @Test
  void byteValues_roundTrip() {
    RedisURI uri = topology.clientUris().get(0);
    NearCacheConfig config = NearCacheConfig.builder().ssl(topology.sslOptions().orElse(null)).build();
    try (TrackedNearCache<byte[]> bytes = TrackedNearCache.bytes(resources, uri, config, NearCacheListener.NONE)) {
      byte[] value = {0, 1, 2, (byte) 0xff};
      bytes.set("binary", value);
      assertThat(bytes.get("binary")).isEqualTo(value);
      assertThat(bytes.get("binary")).isEqualTo(value);
      assertThat(bytes.stats().hits()).isEqualTo(1);
      assertThat(new String(redis.get("binary").getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1))
          .hasSize(4);
    }
  }

  @Test
  void maxEntryAge_isASafetyNetOnEveryEntry() throws Exception {
    open(NearCacheConfig.builder().maxEntryAge(Duration.ofMillis(100)).build());
    redis.set("k", "v");
    cache.get("k");
    Thread.sleep(150);
    cache.get("k");
    assertThat(cache.stats().hits()).isZero();
    assertThat(cache.stats().misses()).isEqualTo(2);
  }
}

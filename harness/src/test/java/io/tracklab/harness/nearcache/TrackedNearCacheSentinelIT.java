package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A primary change starts a new epoch: flush, re-track on the new primary. */
class TrackedNearCacheSentinelIT {
  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();

  private static TrackedNearCache<String> open(Topology topology, RecordingListener events) {
    RedisURI uri = topology.clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(2));
    return TrackedNearCache.strings(RESOURCES.get(), uri, NearCacheConfig.builder().build(), events);
  }

  /** Counts {@code +switch-master} announcements, as the cache's own watcher hears them. */
  private static SentinelWatcher watch(Topology topology, AtomicInteger announcements) {
    SentinelWatcher watcher = new SentinelWatcher(RESOURCES.get(), topology.clientUris().get(0),
        announced -> announcements.incrementAndGet());
    watcher.start();
    return watcher;
  }

  private static void awaitEverySentinelAnnounced(AtomicInteger announcements, Topology topology) {
    int sentinels = topology.clientUris().get(0).getSentinels().size();
    await().atMost(Duration.ofSeconds(10)).until(() -> announcements.get() >= sentinels);
  }

  @Test
  void plannedFailover_switchesToTheNewPrimary_whoseWritesInvalidate() {
    RecordingListener events = new RecordingListener();
    AtomicInteger announcements = new AtomicInteger();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
        TrackedNearCache<String> cache = open(topology, events);
        SentinelWatcher watcher = watch(topology, announcements)) {
      topology.admin("primary").set("k", "before");
      assertThat(cache.get("k")).isEqualTo("before");
      assertThat(cache.get("k")).isEqualTo("before");

      long failoverAt = System.nanoTime();
      RedisNode promoted = topology.sentinelFailover();
      await().atMost(Duration.ofSeconds(10)).until(() -> events.first("epoch 2", failoverAt) > 0);
      assertThat(cache.stats().flushes().get(FlushReason.PRIMARY_CHANGED)).isGreaterThanOrEqualTo(1);
      System.out.printf("sentinel failover: new epoch %.0f ms after SENTINEL FAILOVER was sent%n",
          (events.first("epoch 2", failoverAt) - failoverAt) / 1e6);

      assertThat(cache.get("k")).isEqualTo("before");
      topology.admin(promoted.name()).set("k", "after");
      await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate k", failoverAt) > 0);
      assertThat(cache.get("k")).isEqualTo("after");
      // one renewal, to the announced primary, however many Sentinels announce it
      awaitEverySentinelAnnounced(announcements, topology);
      assertThat(events.first("epoch 3", failoverAt)).as("epoch 3 at").isEqualTo(-1);
    }
  }

  @Test
  void killedPrimary_theCacheFollowsTheFailover_andTracksOnTheNewPrimary() {
    RecordingListener events = new RecordingListener();
    AtomicInteger announcements = new AtomicInteger();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
        TrackedNearCache<String> cache = open(topology, events);
        SentinelWatcher watcher = watch(topology, announcements)) {
      topology.admin("primary").set("k", "before");
      assertThat(cache.get("k")).isEqualTo("before");

      long killedAt = System.nanoTime();
      topology.kill("primary");
      await().atMost(Duration.ofSeconds(2)).until(() -> events.first("flush DISCONNECTED", killedAt) > 0);
      assertThat(cache.size()).isZero();
      await().atMost(Duration.ofSeconds(15)).until(() -> events.first("epoch 2", killedAt) > 0);
      System.out.printf("sentinel kill: entries dropped after %.1f ms, new epoch after %.0f ms%n",
          (events.first("flush DISCONNECTED", killedAt) - killedAt) / 1e6,
          (events.first("epoch 2", killedAt) - killedAt) / 1e6);

      RedisNode promoted = topology.currentPrimary(0);
      assertThat(cache.get("k")).isEqualTo("before");
      topology.admin(promoted.name()).set("k", "after");
      await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate k", killedAt) > 0);
      assertThat(cache.get("k")).isEqualTo("after");
      // every Sentinel announces the switch to the primary epoch 2 already reached: none ends it
      awaitEverySentinelAnnounced(announcements, topology);
      assertThat(events.first("epoch 3", killedAt)).as("epoch 3 at").isEqualTo(-1);
    }
  }
}

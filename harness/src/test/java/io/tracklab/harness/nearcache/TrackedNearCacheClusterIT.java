package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Rule 6: tracking on every primary's connection; slot moves flush their slots only. */
class TrackedNearCacheClusterIT {
  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();

  private static TrackedNearCache<String> open(Topology topology, RecordingListener events) {
    List<RedisURI> seeds = new ArrayList<>();
    for (RedisURI uri : topology.clientUris()) {
      uri.setTimeout(Duration.ofSeconds(2));
      seeds.add(uri);
    }
    return TrackedNearCache.stringsOnCluster(RESOURCES.get(), seeds, NearCacheConfig.builder().build(), events);
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
  void everyPrimaryTracksItsReads_andWritesOnAnyPrimaryInvalidate() {
    RecordingListener events = new RecordingListener();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
        TrackedNearCache<String> cache = open(topology, events)) {
      int[] slots = {0, 8000, 16000}; // one on each primary
      for (int slot : slots) {
        String key = keyIn(slot, "k");
        topology.admin(topology.currentPrimary(slot).name()).set(key, "v1");
        assertThat(cache.get(key)).isEqualTo("v1");
        assertThat(cache.get(key)).isEqualTo("v1");
      }
      assertThat(cache.stats().hits()).isEqualTo(3);
      for (int slot : slots) {
        String key = keyIn(slot, "k");
        topology.admin(topology.currentPrimary(slot).name()).set(key, "v2");
        await().atMost(Duration.ofSeconds(2)).until(() -> events.first("invalidate " + key, 0) > 0);
        assertThat(cache.get(key)).isEqualTo("v2");
      }
    }
  }

  @Test
  void afterASlotMigration_noEntryOfThatSlotIsServedStale_andOtherSlotsKeepTheirs() {
    RecordingListener events = new RecordingListener();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
        TrackedNearCache<String> cache = open(topology, events)) {
      int slot = 1234;
      int otherSlot = 1235;
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        keys.add(keyIn(slot, "k" + i));
      }
      String other = keyIn(otherSlot, "other");
      // MIGRATE has nothing to delete for an absent key, so node-1 would never invalidate an
      // "absent" entry: a cluster cache must not hold one.
      String absent = keyIn(slot, "absent");
      assertThat(cache.get(absent)).isNull();
      assertThat(cache.get(absent)).isNull();
      assertThat(cache.stats().hits()).as("absent keys are not cached in a cluster").isZero();
      for (String key : keys) {
        topology.admin("node-1").set(key, "old");
        assertThat(cache.get(key)).isEqualTo("old");
      }
      topology.admin("node-1").set(other, "kept");
      assertThat(cache.get(other)).isEqualTo("kept");

      topology.migrateSlot(slot, "node-1", "node-2");
      for (String key : keys) {
        topology.admin("node-2").set(key, "new"); // straight to the new owner
      }
      topology.admin("node-2").set(absent, "exists now");
      assertThat(cache.get(absent)).isEqualTo("exists now");
      for (String key : keys) {
        assertThat(cache.get(key)).as(key).isEqualTo("new");
      }
      long hitsBefore = cache.stats().hits();
      assertThat(cache.get(other)).isEqualTo("kept");
      assertThat(cache.stats().hits()).as("the unmoved slot's entry stayed").isEqualTo(hitsBefore + 1);

      // the route saw the slot change owner (MOVED or refresh) and flushed it
      await().atMost(Duration.ofSeconds(2)).until(() -> events.first("flush SLOTS_MOVED", 0) > 0);
      // and the moved slot is tracked on its new owner
      await().atMost(Duration.ofSeconds(3)).until(() -> {
        cache.get(keys.get(0));
        return cache.get(keys.get(0)) != null && cache.stats().hits() > hitsBefore + 1;
      });
      topology.admin("node-2").set(keys.get(0), "newer");
      await().atMost(Duration.ofSeconds(2)).until(() -> "newer".equals(cache.get(keys.get(0))));
    }
  }

  @Test
  void killedPrimary_itsSlotsAreDroppedAtOnce_thenServedFromThePromotedReplica() {
    RecordingListener events = new RecordingListener();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
        TrackedNearCache<String> cache = open(topology, events)) {
      String onNode1 = keyIn(0, "k");
      String onNode3 = keyIn(16000, "k");
      topology.admin("node-1").set(onNode1, "v1");
      topology.admin("node-3").set(onNode3, "v3");
      cache.get(onNode1);
      cache.get(onNode3);

      long killedAt = System.nanoTime();
      topology.kill("node-1");
      await().atMost(Duration.ofSeconds(2)).until(() -> events.first("flush DISCONNECTED", killedAt) > 0);
      long hits = cache.stats().hits();
      assertThat(cache.get(onNode3)).isEqualTo("v3");
      assertThat(cache.stats().hits()).as("node-3's entries survive node-1's death").isEqualTo(hits + 1);

      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
          .until(() -> "v1".equals(cache.get(onNode1)));
      System.out.printf("cluster kill: node-1's entries dropped after %.1f ms, its slot served again after %.0f ms%n",
          (events.first("flush DISCONNECTED", killedAt) - killedAt) / 1e6, (System.nanoTime() - killedAt) / 1e6);
      RedisNode promoted = topology.currentPrimary(0);
      assertThat(promoted.name()).isEqualTo("node-4");
      cache.get(onNode1);
      topology.admin("node-4").set(onNode1, "after failover");
      await().atMost(Duration.ofSeconds(2)).until(() -> "after failover".equals(cache.get(onNode1)));
    }
  }
}

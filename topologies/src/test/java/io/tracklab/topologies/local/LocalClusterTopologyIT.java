package io.tracklab.topologies.local;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalClusterTopologyIT {
  /** A key for every one of the 16384 slots. */
  private static final Map<Integer, String> KEY_FOR_SLOT = keysForEverySlot();
  private static RedisClient plainClient;

  @BeforeAll
  static void createClient() {
    plainClient = RedisClient.create();
  }

  @AfterAll
  static void shutdownClient() {
    plainClient.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static Map<Integer, String> keysForEverySlot() {
    Map<Integer, String> keys = new HashMap<>();
    for (int i = 0; keys.size() < SlotHash.SLOT_COUNT; i++) {
      keys.putIfAbsent(SlotHash.getSlot("key:" + i), "key:" + i);
    }
    return keys;
  }

  private static Topology start() {
    Topology topology = new LocalProvisioner().start(TopologyKind.CLUSTER);
    System.out.printf("startup cluster: %d ms%n", topology.startupTime().toMillis());
    return topology;
  }

  private static RedisClusterClient clusterClient(Topology topology) {
    RedisClusterClient client = RedisClusterClient.create(topology.clientUris());
    client.setOptions(ClusterClientOptions.builder()
        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
            .enableAllAdaptiveRefreshTriggers()
            .build())
        .build());
    return client;
  }

  private static Set<Integer> proxyPorts(Topology topology) {
    Set<Integer> ports = new HashSet<>();
    topology.nodes().forEach(node -> ports.add(node.proxyUri().getPort()));
    return ports;
  }

  @Test
  void clusterClientReachesEverySlot_onlyThroughProxies_andSeesToxics() throws Exception {
    try (Topology topology = start()) {
      assertThat(topology.nodes()).extracting(RedisNode::name)
          .containsExactly("node-1", "node-2", "node-3", "node-4", "node-5", "node-6")
          .containsExactlyElementsOf(io.tracklab.topologies.TopologyKind.CLUSTER.nodeNames());
      RedisClusterClient client = clusterClient(topology);
      try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
        List<RedisFuture<String>> writes = new ArrayList<>();
        KEY_FOR_SLOT.forEach((slot, key) -> writes.add(connection.async().set(key, "slot-" + slot)));
        assertThat(LettuceFutures.awaitAll(Duration.ofSeconds(30), writes.toArray(new RedisFuture[0]))).isTrue();
        List<RedisFuture<String>> reads = new ArrayList<>();
        KEY_FOR_SLOT.values().forEach(key -> reads.add(connection.async().get(key)));
        LettuceFutures.awaitAll(Duration.ofSeconds(30), reads.toArray(new RedisFuture[0]));
        int slot = 0;
        for (Map.Entry<Integer, String> entry : KEY_FOR_SLOT.entrySet()) {
          assertThat(connection.sync().get(entry.getValue())).isEqualTo("slot-" + entry.getKey());
          if (++slot > 200) {
            break; // spot check in order; the async reads above covered every slot
          }
        }
        for (RedisFuture<String> read : reads) {
          assertThat(read.get()).startsWith("slot-");
        }

        Set<Integer> proxies = proxyPorts(topology);
        assertThat(connection.getPartitions()).hasSize(6)
            .extracting(node -> node.getUri().getPort()).allMatch(proxies::contains);

        // a latency toxic on the proxy of the owner of slot 0 slows that slot only
        RedisNode owner = topology.currentPrimary(0);
        owner.proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 150);
        long start = System.nanoTime();
        connection.sync().get(KEY_FOR_SLOT.get(0));
        double slowMillis = (System.nanoTime() - start) / 1e6;
        start = System.nanoTime();
        connection.sync().get(KEY_FOR_SLOT.get(16383));
        double fastMillis = (System.nanoTime() - start) / 1e6;
        owner.proxy().toxics().get("slow").remove();
        assertThat(slowMillis).isGreaterThanOrEqualTo(145.0);
        assertThat(fastMillis).isLessThan(100.0);
      } finally {
        client.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void movedRedirectionsNameTheOwnersProxy() {
    try (Topology topology = start();
        StatefulRedisConnection<String, String> node1 = plainClient.connect(topology.node("node-1").proxyUri())) {
      String keyOwnedElsewhere = KEY_FOR_SLOT.get(16000);
      RedisNode owner = topology.currentPrimary(16000);
      assertThat(owner.name()).isEqualTo("node-3");
      try {
        node1.sync().set(keyOwnedElsewhere, "x");
        throw new AssertionError("node-1 accepted a key of node-3's slot");
      } catch (io.lettuce.core.RedisCommandExecutionException moved) {
        assertThat(moved.getMessage())
            .isEqualTo("MOVED 16000 127.0.0.1:" + owner.proxyUri().getPort());
      }
    }
  }

  @Test
  void clusterFailover_promotesTheReplica_andClientsFollow() {
    try (Topology topology = start()) {
      topology.clusterFailover("node-4");
      assertThat(topology.currentPrimary(0).name()).isEqualTo("node-4");
      RedisClusterClient client = clusterClient(topology);
      try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
        connection.sync().set(KEY_FOR_SLOT.get(0), "after manual failover");
      } finally {
        client.shutdown(0, 2, TimeUnit.SECONDS);
      }
      try (StatefulRedisConnection<String, String> direct = plainClient.connect(topology.node("node-4").directUri())) {
        assertThat(direct.sync().get(KEY_FOR_SLOT.get(0))).isEqualTo("after manual failover");
      }
    }
  }

  @Test
  void killingAPrimary_failsOverToItsReplica() {
    try (Topology topology = start()) {
      RedisClusterClient client = clusterClient(topology);
      try {
        long killedAt = System.nanoTime();
        topology.kill("node-1");
        Duration failover = firstAcknowledgedWrite(client, KEY_FOR_SLOT.get(0), killedAt);
        System.out.printf("cluster failover (kill node-1 -> first acknowledged write to its slots via proxies): %d ms%n",
            failover.toMillis());
        assertThat(topology.currentPrimary(0).name()).isEqualTo("node-4");
      } finally {
        client.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void slotMigration_movesTheKeys_andClientsFollow() {
    try (Topology topology = start()) {
      int slot = 1234;
      RedisClusterClient client = clusterClient(topology);
      try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
        RedisAdvancedClusterCommands<String, String> commands = connection.sync();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
          String key = "{" + KEY_FOR_SLOT.get(slot) + "}:" + i;
          keys.add(key);
          commands.set(key, "value-" + i);
        }
        assertThat(topology.currentPrimary(slot).name()).isEqualTo("node-1");

        topology.migrateSlot(slot, "node-1", "node-2");

        assertThat(topology.currentPrimary(slot).name()).isEqualTo("node-2");
        for (int i = 0; i < keys.size(); i++) {
          assertThat(commands.get(keys.get(i))).isEqualTo("value-" + i);
        }
        commands.set(keys.get(0), "written after the move");
        try (StatefulRedisConnection<String, String> node2 = plainClient.connect(topology.node("node-2").directUri());
            StatefulRedisConnection<String, String> node1 = plainClient.connect(topology.node("node-1").directUri())) {
          assertThat(node2.sync().clusterCountKeysInSlot(slot)).isEqualTo(250);
          assertThat(node1.sync().clusterCountKeysInSlot(slot)).isZero();
        }
        Set<Integer> proxies = proxyPorts(topology);
        for (RedisClusterNode node : connection.getPartitions()) {
          assertThat(proxies).contains(node.getUri().getPort());
        }
      } finally {
        client.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Retries SET on {@code key}, re-reading the cluster's topology (through the proxies) and
   * opening a fresh connection each time, until one is acknowledged: this measures the cluster's
   * failover, not a client's reconnect back-off.
   */
  private static Duration firstAcknowledgedWrite(RedisClusterClient client, String key, long since) {
    long deadline = since + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try {
        client.refreshPartitions();
      } catch (RuntimeException seedsDown) {
        // some seeds are the dead node's proxy; the next round tries again
      }
      try (StatefulRedisClusterConnection<String, String> connection = client.connect()) {
        connection.setTimeout(Duration.ofMillis(300));
        connection.sync().set(key, "after failover");
        return Duration.ofNanos(System.nanoTime() - since);
      } catch (RuntimeException stillDown) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
    throw new AssertionError("no write to " + key + " was acknowledged within 20 s");
  }
}

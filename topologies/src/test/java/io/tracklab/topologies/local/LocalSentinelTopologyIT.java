package io.tracklab.topologies.local;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalSentinelTopologyIT {
  private static RedisClient client;

  @BeforeAll
  static void createClient() {
    client = RedisClient.create();
  }

  @AfterAll
  static void shutdownClient() {
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private static Topology start() {
    Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
    System.out.printf("startup sentinel: %d ms%n", topology.startupTime().toMillis());
    return topology;
  }

  private static Set<Integer> proxyPorts(Topology topology) {
    Set<Integer> ports = new HashSet<>();
    topology.nodes().forEach(node -> ports.add(node.proxyUri().getPort()));
    return ports;
  }

  @Test
  void sentinelsAnswerWithProxyAddresses_andClientsWriteThroughThem() {
    try (Topology topology = start()) {
      assertThat(topology.nodes()).extracting(RedisNode::name).containsExactly(
          "primary", "replica-1", "replica-2", "sentinel-1", "sentinel-2", "sentinel-3")
          .containsExactlyElementsOf(io.tracklab.topologies.TopologyKind.SENTINEL.nodeNames());
      Set<Integer> proxies = proxyPorts(topology);
      RedisNode sentinel = topology.node("sentinel-2");
      try (StatefulRedisSentinelConnection<String, String> viaProxy = client.connectSentinel(sentinel.proxyUri())) {
        InetSocketAddress primary = (InetSocketAddress) viaProxy.sync().getMasterAddrByName("tracklab");
        assertThat(primary.getPort()).isEqualTo(topology.node("primary").proxyUri().getPort());
        List<Map<String, String>> replicas = viaProxy.sync().replicas("tracklab");
        assertThat(replicas).extracting(replica -> Integer.parseInt(replica.get("port")))
            .containsExactlyInAnyOrder(topology.node("replica-1").proxyUri().getPort(),
                topology.node("replica-2").proxyUri().getPort());
        assertThat(viaProxy.sync().info("sentinel")).contains("sentinels=3");
      }

      try (StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
        connection.sync().set("k", "v");
        assertThat(connection.sync().get("k")).isEqualTo("v");
      }
      assertThat(topology.clientUris().get(0).getSentinels())
          .extracting(RedisURI::getPort).allMatch(proxies::contains);
    }
  }

  @Test
  void latencyOnTheReplicationLink_delaysReplication() throws Exception {
    try (Topology topology = start();
        StatefulRedisConnection<String, String> primary = client.connect(topology.node("primary").directUri());
        StatefulRedisConnection<String, String> replica = client.connect(topology.node("replica-1").directUri())) {
      // the replica reads its primary through the primary's proxy: slow that link down, and
      // write to the primary directly so that only the replication stream crosses the proxy
      topology.node("primary").proxy().toxics().latency("slow-link", ToxicDirection.DOWNSTREAM, 300);
      long start = System.nanoTime();
      primary.sync().set("replicated", "later");
      while (replica.sync().get("replicated") == null && System.nanoTime() - start < 5e9) {
        Thread.sleep(5);
      }
      double millis = (System.nanoTime() - start) / 1e6;
      assertThat(replica.sync().get("replicated")).isEqualTo("later");
      assertThat(millis).isGreaterThanOrEqualTo(250.0);
    }
  }

  @Test
  void sentinelFailover_clientsWriteToTheNewPrimaryThroughItsProxy() {
    try (Topology topology = start()) {
      RedisNode promoted = topology.sentinelFailover();
      assertThat(promoted.name()).isIn("replica-1", "replica-2");
      assertThat(topology.currentPrimary(0).name()).isEqualTo(promoted.name());
      assertWritesLandOn(topology, promoted);
    }
  }

  @Test
  void killingThePrimary_failsOverAndClientsWriteToTheNewPrimary() {
    try (Topology topology = start()) {
      long killedAt = System.nanoTime();
      topology.kill("primary");
      Duration failover = firstAcknowledgedWrite(topology, killedAt);
      RedisNode promoted = topology.currentPrimary(0);
      System.out.printf("sentinel failover (kill primary -> first acknowledged write via proxies): %d ms, new primary %s%n",
          failover.toMillis(), promoted.name());
      assertThat(promoted.initialRole()).isEqualTo(NodeRole.REPLICA);
      assertWritesLandOn(topology, promoted);
    }
  }

  /** Retries SET through Sentinel and the proxies, a fresh connection each time, until one is acknowledged. */
  private static Duration firstAcknowledgedWrite(Topology topology, long since) {
    RedisURI uri = topology.clientUris().get(0);
    uri.setTimeout(Duration.ofMillis(300));
    long deadline = since + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
        connection.sync().set("after-failover", "written");
        return Duration.ofNanos(System.nanoTime() - since);
      } catch (RuntimeException stillDown) {
        sleep(10);
      }
    }
    throw new AssertionError("no write was acknowledged within 20 s of the failure");
  }

  private static void assertWritesLandOn(Topology topology, RedisNode primary) {
    try (StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
      connection.sync().set("where", "new primary");
    }
    try (StatefulRedisConnection<String, String> direct = client.connect(primary.directUri())) {
      assertThat(direct.sync().get("where")).isEqualTo("new primary");
      assertThat(direct.sync().info("replication")).contains("role:master");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

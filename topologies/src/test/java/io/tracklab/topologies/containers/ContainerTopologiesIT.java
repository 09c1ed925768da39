package io.tracklab.topologies.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The containers provisioner: the same topologies and names as the local one, from Redis and
 * Toxiproxy containers on the host network. Skipped, saying why, where no Docker engine runs or
 * the images are not here ({@code bin/tracklab images} builds them; {@code .ci/run} does).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ContainerTopologiesIT {
  private static RedisClient client;

  private static String unusable;

  @BeforeAll
  static void createClient() {
    unusable = ContainerProvisioner.unusableWithoutPullingBecause();
    if (unusable.isEmpty()) {
      client = RedisClient.create();
    }
  }

  /** Per test, so each is reported skipped with the reason (a class-level assumption hides them). */
  @BeforeEach
  void requireContainers() {
    Assumptions.assumeTrue(unusable.isEmpty(), () -> "containers cannot run here: " + unusable);
  }

  @AfterAll
  static void shutdownClient() {
    if (client != null) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Topology start(TopologyKind kind) {
    Topology topology = new ContainerProvisioner().start(kind);
    System.out.printf("startup %s (containers): %d ms%n", kind, topology.startupTime().toMillis());
    return topology;
  }

  @Test
  void standalone_writesThroughTheProxy_seesToxics_andPauses() throws Exception {
    try (Topology topology = start(TopologyKind.STANDALONE);
        StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
      connection.sync().set("k", "v");
      assertThat(connection.sync().get("k")).isEqualTo("v");

      topology.node("primary").proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 120);
      long start = System.nanoTime();
      connection.sync().ping();
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(115.0);
      topology.node("primary").proxy().toxics().get("slow").remove();

      topology.pause("primary");
      connection.setTimeout(Duration.ofMillis(300));
      assertThat(connection.async().ping().await(300, TimeUnit.MILLISECONDS)).isFalse();
      topology.resume("primary");
      connection.setTimeout(Duration.ofSeconds(5));
      assertThat(connection.sync().ping()).isEqualTo("PONG");

      topology.kill("primary");
      try (StatefulRedisConnection<String, String> dead = client.connect(topology.clientUris().get(0))) {
        dead.sync().ping();
        org.assertj.core.api.Assertions.fail("a killed primary answered");
      } catch (RuntimeException refused) {
        // killed: nothing answers behind the proxy
      }
      topology.restart("primary");
      try (StatefulRedisConnection<String, String> again = client.connect(topology.clientUris().get(0))) {
        assertThat(again.sync().ping()).isEqualTo("PONG");
      }
    }
  }

  /**
   * TLS and ACL users on containers: each node reads the certificates its configuration names
   * beside its own directory (the documented {@code bin/tracklab run --auth acl --tls} failed
   * here once: the container saw only the node's directory).
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = TopologyKind.class, names = {"STANDALONE", "SENTINEL"})
  void secured_withTlsAndAclUsers_servesTheClientUser(TopologyKind kind) {
    TopologySecurity security = TopologySecurity.generated(AuthMode.ACL, true);
    try (Topology topology = new ContainerProvisioner().start(kind, security);
        RedisClient secured = RedisClient.create()) {
      secured.setOptions(ClientOptions.builder().sslOptions(topology.sslOptions().orElseThrow()).build());
      try (StatefulRedisConnection<String, String> connection = secured.connect(topology.clientUris().get(0))) {
        connection.sync().set("k", "over TLS");
        assertThat(connection.sync().get("k")).isEqualTo("over TLS");
        assertThatThrownBy(() -> connection.sync().flushall()).hasMessageContaining("NOPERM");
      }
    }
  }

  @Test
  void sentinel_failsOverOnRequest_andTheNewPrimaryTakesWrites() {
    try (Topology topology = start(TopologyKind.SENTINEL)) {
      RedisNode promoted = topology.sentinelFailover();
      assertThat(promoted.name()).isIn("replica-1", "replica-2");
      assertThat(topology.currentPrimary(0).name()).isEqualTo(promoted.name());
      try (StatefulRedisConnection<String, String> direct = client.connect(promoted.proxyUri())) {
        assertThat(direct.sync().set("after", "failover")).isEqualTo("OK");
      }
    }
  }

  @Test
  void sentinel_failsOverWhenThePrimaryIsKilled_andClientsFollow() {
    try (Topology topology = start(TopologyKind.SENTINEL)) {
      topology.kill("primary");
      RedisURI uri = topology.clientUris().get(0);
      uri.setTimeout(Duration.ofMillis(300));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      boolean written = false;
      while (!written && System.nanoTime() < deadline) {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
          connection.sync().set("after", "failover");
          written = true;
        } catch (RuntimeException stillDown) {
          Thread.onSpinWait();
        }
      }
      assertThat(written).isTrue();
      assertThat(topology.currentPrimary(0).name()).isIn("replica-1", "replica-2");
    }
  }

  @Test
  void cluster_servesEverySlotThroughProxies() {
    try (Topology topology = start(TopologyKind.CLUSTER)) {
      RedisClusterClient clusterClient = RedisClusterClient.create(topology.clientUris());
      try (StatefulRedisClusterConnection<String, String> connection = clusterClient.connect()) {
        for (int i = 0; i < 1000; i++) {
          connection.sync().set("key:" + i, "value-" + i);
        }
        assertThat(connection.sync().get("key:999")).isEqualTo("value-999");
        Set<Integer> proxies = new HashSet<>();
        for (RedisNode node : topology.nodes()) {
          proxies.add(node.proxyUri().getPort());
        }
        assertThat(connection.getPartitions()).extracting(node -> node.getUri().getPort())
            .allMatch(proxies::contains);

        topology.clusterFailover("node-4");
        assertThat(topology.currentPrimary(0).name()).isEqualTo("node-4");
      } finally {
        clusterClient.shutdown(0, 2, TimeUnit.SECONDS);
      }
    }
  }
}

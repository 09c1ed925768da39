package io.tracklab.topologies.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LocalStandaloneTopologyIT {
  private static Topology topology;
  private static RedisClient client;

  @BeforeAll
  static void start() {
    topology = new LocalProvisioner().start(TopologyKind.STANDALONE);
    System.out.printf("startup standalone: %d ms%n", topology.startupTime().toMillis());
    client = RedisClient.create();
  }

  @AfterAll
  static void stop() {
    client.shutdown(0, 2, TimeUnit.SECONDS);
    topology.close();
  }

  @Test
  void writeAndRead_throughTheProxy() {
    assertThat(topology.clientUris()).containsExactly(topology.node("primary").proxyUri());
    assertThat(topology.node("primary").proxyUri().getPort())
        .isNotEqualTo(topology.node("primary").directUri().getPort());
    try (StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
      connection.sync().set("greeting", "hello");
      assertThat(connection.sync().get("greeting")).isEqualTo("hello");
    }
    try (StatefulRedisConnection<String, String> direct = client.connect(topology.node("primary").directUri())) {
      assertThat(direct.sync().get("greeting")).isEqualTo("hello");
    }
  }

  @Test
  void latencyOnTheNodesProxy_isVisibleToAClient() throws Exception {
    try (StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
      connection.sync().ping();
      topology.node("primary").proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 120);
      try {
        long start = System.nanoTime();
        connection.sync().ping();
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(115.0);
      } finally {
        topology.node("primary").proxy().toxics().get("slow").remove();
      }
    }
  }

  @Test
  void killThenRestart_bringsTheNodeBackBehindTheSameProxy() {
    try (Topology own = new LocalProvisioner().start(TopologyKind.STANDALONE)) {
      RedisURI uri = own.clientUris().get(0);
      uri.setTimeout(Duration.ofMillis(500));
      own.kill("primary");
      assertThatThrownBy(() -> {
        try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
          connection.sync().ping();
        }
      }).isInstanceOf(RuntimeException.class);
      own.restart("primary");
      try (StatefulRedisConnection<String, String> connection = client.connect(uri)) {
        assertThat(connection.sync().ping()).isEqualTo("PONG");
      }
      assertThat(own.admin("primary").ping()).isEqualTo("PONG");
    }
  }

  @Test
  void pause_stallsTheNodeWithItsConnectionsOpen_resumeAnswersThem() throws Exception {
    try (StatefulRedisConnection<String, String> connection = client.connect(topology.clientUris().get(0))) {
      connection.sync().ping();
      topology.pause("primary");
      try {
        RedisFuture<String> stalled = connection.async().ping();
        assertThat(stalled.await(300, TimeUnit.MILLISECONDS)).isFalse();
        topology.resume("primary");
        assertThat(stalled.get(5, TimeUnit.SECONDS)).isEqualTo("PONG");
      } finally {
        topology.resume("primary");
      }
    }
  }

  @Test
  void nodesHaveStableNames_andUnknownNamesAreExplained() {
    assertThat(topology.nodes()).extracting(node -> node.name()).containsExactly("primary")
          .containsExactlyElementsOf(io.tracklab.topologies.TopologyKind.STANDALONE.nodeNames());
    assertThat(topology.node("primary").initialRole()).isEqualTo(NodeRole.PRIMARY);
    assertThat(topology.currentPrimary(0).name()).isEqualTo("primary");
    assertThatThrownBy(() -> topology.node("replica-1"))
        .isInstanceOf(TopologyException.class)
        .hasMessage("no node 'replica-1' in this standalone topology; nodes: primary");
    assertThatThrownBy(topology::sentinelFailover)
        .hasMessage("a Sentinel failover needs a sentinel topology; this one is standalone");
  }

  @Test
  void unknownTopologyName_listsTheKnownOnes() {
    assertThatThrownBy(() -> TopologyKind.parse("ring"))
        .isInstanceOf(TopologyException.class)
        .hasMessage("unknown topology 'ring': expected one of standalone, sentinel, cluster");
  }
}

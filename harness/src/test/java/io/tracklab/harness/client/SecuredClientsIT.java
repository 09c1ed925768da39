package io.tracklab.harness.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every client a run can read through, as the least-privilege ACL user: it reads a value and
 * sees a later write, and no node logs a denied command for the user. (Standalone and Sentinel:
 * Cluster is covered for the near-cache by SecuredNearCacheIT; the peers' own ITs cover Cluster
 * without authentication.)
 */
class SecuredClientsIT {
  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();

  static Stream<Arguments> clients() {
    Map<String, CacheClient.Factory> factories = Map.of(
        "tracklab", TrackedClient.factory(NearCacheConfig.builder().build()),
        "ttl", TtlClient.factory(Duration.ofMillis(300)),
        "none", PlainClient.factory(),
        LettuceCscClient.NAME, LettuceCscClient.factory(),
        JedisCscClient.NAME, JedisCscClient.factory(),
        RedissonCscClient.NAME, RedissonCscClient.factory());
    List<Arguments> cases = new ArrayList<>();
    for (TopologyKind kind : List.of(TopologyKind.STANDALONE, TopologyKind.SENTINEL)) {
      factories.forEach((name, factory) -> {
        if (ClientSupport.unsupported(name, kind.label()).isEmpty()) {
          cases.add(Arguments.of(kind, name, factory));
        }
      });
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("clients")
  void readsAsTheClientUserWithNothingDenied(TopologyKind kind, String name, CacheClient.Factory factory) {
    try (Topology topology = new LocalProvisioner().start(kind, TopologySecurity.generated(AuthMode.ACL, false))) {
      String primary = topology.currentPrimary(0).name();
      topology.admin(primary).set("k", "v1");
      List<RedisURI> uris = topology.clientUris();
      uris.forEach(uri -> uri.setTimeout(Duration.ofSeconds(2)));
      try (CacheClient client = factory.open(new ClientEndpoints(RESOURCES.get(), uris, false), NearCacheListener.NONE)) {
        assertThat(client.readAsync("k").join().value()).isEqualTo("v1");
        topology.admin(primary).set("k", "v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(client.readAsync("k").join().value()));
      }
      for (RedisNode node : topology.nodes()) {
        if (node.initialRole() != NodeRole.SENTINEL) {
          assertThat(topology.admin(node.name()).aclLog()).as("ACL LOG of %s after %s", node.name(), name).isEmpty();
        }
      }
    }
  }
}

package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The near-cache as the least-privilege ACL user: it caches and invalidates on every topology
 * with nothing denied ({@code ACL LOG} stays empty for the user); one permission taken away, it
 * fails at start naming the command; a wrong password fails at once, without retrying.
 */
class SecuredNearCacheIT {
  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();

  private static TrackedNearCache<String> open(Topology topology, List<RedisURI> uris) {
    for (RedisURI uri : uris) {
      uri.setTimeout(Duration.ofSeconds(2));
    }
    NearCacheConfig config = NearCacheConfig.builder().ssl(topology.sslOptions().orElse(null)).build();
    return topology.kind() == TopologyKind.CLUSTER
        ? TrackedNearCache.stringsOnCluster(RESOURCES.get(), uris, config, NearCacheListener.NONE)
        : TrackedNearCache.strings(RESOURCES.get(), uris.get(0), config, NearCacheListener.NONE);
  }

  @ParameterizedTest
  @EnumSource(TopologyKind.class)
  void theClientUserHasEverythingTheNearCacheNeeds(TopologyKind kind) {
    try (Topology topology = new LocalProvisioner().start(kind, TopologySecurity.generated(AuthMode.ACL, false))) {
      String key = "k";
      RedisCommands<String, String> admin = topology.admin(topology.currentPrimary(SlotHash.getSlot(key)).name());
      admin.set(key, "v1");
      try (TrackedNearCache<String> cache = open(topology, topology.clientUris())) {
        assertThat(cache.get(key)).isEqualTo("v1");
        assertThat(cache.get(key)).isEqualTo("v1");
        assertThat(cache.stats().hits()).isEqualTo(1);
        admin.set(key, "v2");
        await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(cache.get(key)));
        cache.set(key, "v3");
        assertThat(cache.get(key)).isEqualTo("v3");
        // heartbeats (PING) ran meanwhile; let a few more go by
        sleep(Duration.ofMillis(400));
      }
      for (RedisNode node : topology.nodes()) {
        List<Map<String, Object>> log = node.initialRole() == NodeRole.SENTINEL ? sentinelAclLog(node)
            : topology.admin(node.name()).aclLog();
        assertThat(log).as("ACL LOG of %s", node.name()).isEmpty();
      }
    }
  }

  private static List<Map<String, Object>> sentinelAclLog(RedisNode sentinel) {
    // Sentinels answer ACL LOG too; read it through a plain admin connection
    try (var client = io.lettuce.core.RedisClient.create(RESOURCES.get());
        var connection = client.connect(sentinel.directUri())) {
      return connection.sync().aclLog();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"client|tracking", "client|info"})
  void aMissingPermissionFailsAtStartNamingTheCommand(String command) {
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE,
        TopologySecurity.generated(AuthMode.ACL, false))) {
      RedisCommands<String, String> admin = topology.admin("primary");
      // ACL SETUSER tracklab-client -<command>: the one permission taken away
      admin.dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8),
          new CommandArgs<>(StringCodec.UTF8).add("SETUSER").add(TopologySecurity.CLIENT_USER).add("-" + command));
      assertThatThrownBy(() -> open(topology, topology.clientUris()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("may not run " + command.replace('|', ' ').toUpperCase())
          .hasMessageContaining("ACL SETUSER tracklab-client +" + command)
          .satisfies(e -> assertThat(((AccessDeniedException) e).command()).isEqualTo(command));
    }
  }

  @ParameterizedTest
  @EnumSource(TopologyKind.class)
  void aWrongPasswordFailsAtOnceWithoutRetrying(TopologyKind kind) {
    try (Topology topology = new LocalProvisioner().start(kind, TopologySecurity.generated(AuthMode.ACL, false))) {
      StaticCredentialsProvider wrongPassword =
          new StaticCredentialsProvider(TopologySecurity.CLIENT_USER, "not-the-password".toCharArray());
      List<RedisURI> wrong = topology.clientUris();
      for (RedisURI uri : wrong) {
        uri.setCredentialsProvider(wrongPassword);
        uri.getSentinels().forEach(sentinel -> sentinel.setCredentialsProvider(wrongPassword));
      }
      long before = refusedLogins(topology);
      assertThatThrownBy(() -> open(topology, wrong))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("refused the near-cache's login as user 'tracklab-client'")
          .hasMessageContaining("WRONGPASS")
          .hasMessageNotContaining("not-the-password");
      long refused = refusedLogins(topology) - before;
      sleep(Duration.ofSeconds(2));
      assertThat(refusedLogins(topology) - before).as("refused logins 2 s after the failure")
          .isEqualTo(refused).isLessThanOrEqualTo(3);
    }
  }

  /** Refused logins ({@code ACL LOG} entries of reason {@code auth}, with their counts) on every node. */
  private static long refusedLogins(Topology topology) {
    long total = 0;
    for (RedisNode node : topology.nodes()) {
      List<Map<String, Object>> log = node.initialRole() == NodeRole.SENTINEL ? sentinelAclLog(node)
          : topology.admin(node.name()).aclLog();
      for (Map<String, Object> entry : log) {
        if ("auth".equals(entry.get("reason"))) {
          total += ((Number) entry.get("count")).longValue();
        }
      }
    }
    return total;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.tracklab.topologies.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.AssembledTopology;
import io.tracklab.topologies.local.LocalProvisioner;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The external provisioner against "someone else's" Sentinel topology: a local one, described to
 * it only by a YAML file, as a user would describe a staging environment.
 */
class ExternalProvisionerIT {
  private static Topology local;
  private static RedisClient client;
  @TempDir Path directory;

  @BeforeAll
  static void startTheirTopology() {
    local = new LocalProvisioner().start(TopologyKind.SENTINEL);
    client = RedisClient.create();
  }

  @AfterAll
  static void stop() {
    client.shutdown(0, 2, TimeUnit.SECONDS);
    local.close();
  }

  private Path describe(Topology topology, String proxyOfPrimary) throws IOException {
    return describe(topology, proxyOfPrimary, "");
  }

  /** The topology as an external file; {@code flags}: top-level lines such as allowFaults. */
  private Path describe(Topology topology, String proxyOfPrimary, String flags) throws IOException {
    StringBuilder yaml = new StringBuilder()
        .append("schema: 1\n").append(flags).append("kind: sentinel\nmasterName: ").append(topology.masterName().orElseThrow())
        .append("\ntoxiproxy:\n  url: ").append(topology.toxiproxyUrl()).append("\nnodes:\n");
    for (RedisNode node : topology.nodes()) {
      yaml.append("  - name: ").append(node.name())
          .append("\n    role: ").append(node.initialRole().name().toLowerCase(Locale.ROOT))
          .append("\n    proxy: ").append(node.name().equals("primary") ? proxyOfPrimary : node.proxy().getName())
          .append("\n    address: 127.0.0.1:").append(node.proxyUri().getPort())
          .append("\n    admin: 127.0.0.1:").append(node.directUri().getPort()).append('\n');
    }
    Path file = directory.resolve("staging.yaml");
    Files.writeString(file, yaml.toString());
    return file;
  }

  @Test
  void aSecuredTopology_isReachedAsItsFileSays_andAWrongPasswordStopsTheStart() throws Exception {
    TopologySecurity theirSecurity = TopologySecurity.generated(AuthMode.ACL, true);
    try (Topology theirs = new LocalProvisioner().start(TopologyKind.STANDALONE, theirSecurity)) {
      Path tls = ((AssembledTopology) theirs).directory().resolve("tls");
      Files.writeString(directory.resolve("app.pw"), theirSecurity.client().password().reveal());
      Files.writeString(directory.resolve("ops.pw"), theirSecurity.admin().password().reveal());
      RedisNode primary = theirs.node("primary");
      String common = "schema: 1\nkind: standalone\ntoxiproxy:\n  url: " + theirs.toxiproxyUrl() + "\nnodes:\n"
          + "  - name: primary\n    role: primary\n    proxy: primary\n    address: 127.0.0.1:"
          + primary.proxyUri().getPort() + "\n    admin: 127.0.0.1:" + primary.directUri().getPort() + "\n"
          + "security:\n  username: tracklab-client\n  adminUsername: tracklab-admin\n  adminPassword: file:ops.pw\n"
          + "  tls: true\n  caCertificate: " + tls.resolve("ca.crt").toAbsolutePath() + "\n  clientCertificate: "
          + tls.resolve("client.crt").toAbsolutePath() + "\n  clientKey: " + tls.resolve("client.key").toAbsolutePath()
          + "\n";
      Path file = directory.resolve("secured.yaml");
      Files.writeString(file, common + "  password: file:app.pw\n");
      try (Topology external = new ExternalProvisioner(file).start(TopologyKind.STANDALONE);
          RedisClient secured = RedisClient.create()) {
        assertThat(external.security().label()).isEqualTo("acl+tls");
        secured.setOptions(ClientOptions.builder().sslOptions(external.sslOptions().orElseThrow()).build());
        try (StatefulRedisConnection<String, String> connection = secured.connect(external.clientUris().get(0))) {
          connection.sync().set("via", "secured external");
        }
        assertThat(external.admin("primary").get("via")).isEqualTo("secured external");
        assertThat(external.admin("primary").configGet("maxmemory")).containsKey("maxmemory"); // the admin user
      }
      Files.writeString(directory.resolve("wrong.pw"), "not-their-password-77");
      Files.writeString(file, common + "  password: file:wrong.pw\n");
      assertThatThrownBy(() -> new ExternalProvisioner(file).start(TopologyKind.STANDALONE))
          .isInstanceOf(TopologyException.class)
          .hasMessageContaining("node primary did not answer PING at 127.0.0.1:" + primary.proxyUri().getPort()
              + " (acl+tls)")
          .hasMessageContaining("WRONGPASS")
          .hasMessageNotContaining("not-their-password-77");
    }
  }

  @Test
  void aFailover_needsBothFlagsOfTheFile_andThenRunsThroughTheirSentinels() throws Exception {
    try (Topology theirs = new LocalProvisioner().start(TopologyKind.SENTINEL)) {
      try (Topology external = new ExternalProvisioner(describe(theirs, "primary", "allowFaults: true\n"))
          .start(TopologyKind.SENTINEL)) {
        assertThatThrownBy(external::sentinelFailover).isInstanceOf(TopologyException.class)
            .hasMessageContaining("needs both allowFaults: true and allowNodeFaults: true");
      }
      assertThat(theirs.currentPrimary(0).name()).isEqualTo("primary");
      Path file = describe(theirs, "primary", "allowFaults: true\nallowNodeFaults: true\n");
      try (Topology external = new ExternalProvisioner(file).start(TopologyKind.SENTINEL)) {
        RedisNode promoted = external.sentinelFailover();
        assertThat(promoted.name()).isIn("replica-1", "replica-2");
        assertThat(theirs.currentPrimary(0).name()).isEqualTo(promoted.name());
        assertThatThrownBy(() -> external.pause("replica-1")).isInstanceOf(TopologyException.class)
            .hasMessageContaining("pausing replica-1 is not allowed");
      }
    }
  }

  @Test
  void aTopologyDescribedByTracklab_isReachedThroughTheSameProxies() throws Exception {
    // what a distributed run's controller hands its injectors
    Path file = directory.resolve("for-injectors.yaml");
    Files.writeString(file, ExternalTopologyDescription.yaml(local));
    try (Topology external = new ExternalProvisioner(file).start(TopologyKind.SENTINEL)) {
      assertThat(external.nodes()).extracting(RedisNode::name)
          .containsExactlyElementsOf(local.nodes().stream().map(RedisNode::name).toList());
      assertThat(external.node("primary").proxyUri().getPort()).isEqualTo(local.node("primary").proxyUri().getPort());
      assertThat(external.masterName()).isEqualTo(local.masterName());
      external.admin("primary").set("described", "by tracklab");
      assertThat(local.admin("primary").get("described")).isEqualTo("by tracklab");
    }
  }

  @Test
  void describedTopology_isUsableThroughItsProxies_butNotKillable() throws Exception {
    Path file = describe(local, "primary");
    try (Topology external = new ExternalProvisioner(file).start(TopologyKind.SENTINEL)) {
      assertThat(external.nodes()).extracting(RedisNode::name)
          .containsExactlyElementsOf(local.nodes().stream().map(RedisNode::name).toList());
      assertThat(external.currentPrimary(0).name()).isEqualTo("primary");
      try (StatefulRedisConnection<String, String> connection = client.connect(external.clientUris().get(0))) {
        connection.sync().set("via", "external");
        assertThat(connection.sync().get("via")).isEqualTo("external");

        external.node("primary").proxy().toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        long start = System.nanoTime();
        connection.sync().ping();
        assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(95.0);
        external.node("primary").proxy().toxics().get("slow").remove();
      }
      assertThatThrownBy(() -> external.kill("primary"))
          .isInstanceOf(TopologyException.class)
          .hasMessageContaining("killing primary is not allowed on the external topology of " + file);
    }
    assertThat(local.currentPrimary(0).name()).as("closing the external view leaves their nodes alone")
        .isEqualTo("primary");
  }

  @Test
  void aProxyTheServerDoesNotHave_isNamed() throws Exception {
    Path file = describe(local, "no-such-proxy");
    assertThatThrownBy(() -> new ExternalProvisioner(file).start(TopologyKind.SENTINEL))
        .isInstanceOf(TopologyException.class)
        .hasMessage(file + ": node primary names proxy 'no-such-proxy', which the Toxiproxy server at "
            + local.toxiproxyUrl() + " does not have");
  }

  @Test
  void askingForAnotherKind_isRefused() throws Exception {
    Path file = describe(local, "primary");
    assertThatThrownBy(() -> new ExternalProvisioner(file).start(TopologyKind.CLUSTER))
        .hasMessage(file + " describes a sentinel topology, but a cluster one was asked for");
  }
}

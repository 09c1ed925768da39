package io.tracklab.topologies.external;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalTopologyFileTest {
  @TempDir Path directory;

  private Path file(String yaml) throws IOException {
    Path file = directory.resolve("topology.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String SENTINEL = """
      schema: 1
      kind: sentinel
      masterName: mymaster
      toxiproxy:
        url: http://toxiproxy.staging:8474
      nodes:
        - name: primary
          role: primary
          proxy: redis-primary
          address: toxiproxy.staging:26379
          admin: redis-1.staging:6379
        - name: sentinel-1
          role: sentinel
          proxy: sentinel-1
          address: toxiproxy.staging:36379
          admin: sentinel-1.staging:26379
      """;

  @Test
  void validFile_isReadWhole() throws IOException {
    ExternalTopologySpec spec = ExternalTopologyFile.load(file(SENTINEL));
    assertThat(spec.kind()).isEqualTo(TopologyKind.SENTINEL);
    assertThat(spec.masterName()).contains("mymaster");
    assertThat(spec.toxiproxy()).isEqualTo(new HostPort("toxiproxy.staging", 8474));
    assertThat(spec.nodes()).extracting(ExternalTopologySpec.Node::name).containsExactly("primary", "sentinel-1");
    assertThat(spec.nodes().get(1).role()).isEqualTo(NodeRole.SENTINEL);
    assertThat(spec.nodes().get(0).admin()).isEqualTo(new HostPort("redis-1.staging", 6379));
  }

  @Test
  void theProvisioner_refusesAnotherKind_andSecurityTheFileDoesNotSay_beforeConnecting() throws IOException {
    ExternalProvisioner provisioner = new ExternalProvisioner(file(SENTINEL));
    assertThatThrownBy(() -> provisioner.start(TopologyKind.CLUSTER))
        .isInstanceOf(TopologyException.class).hasMessageContaining("describes a sentinel topology");
    assertThatThrownBy(() -> provisioner.start(TopologyKind.SENTINEL, TopologySecurity.generated(AuthMode.ACL, false)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("the external provisioner cannot start a topology with acl security")
        .hasMessageContaining("topology.yaml");
  }

  @Test
  void faults_areRefusedUnlessTheFileAllowsThem() throws IOException {
    assertThat(ExternalTopologyFile.load(file(SENTINEL)).allowFaults()).as("the default").isFalse();
    assertThat(ExternalTopologyFile.load(file("allowFaults: true\n" + SENTINEL)).allowFaults()).isTrue();
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("allowFaults: yes please\n" + SENTINEL)))
        .isInstanceOf(TopologyException.class).hasMessageContaining("allowFaults");
  }

  @Test
  void faultsOnTheNodes_needASecondFlag_andOnlyWithTheFirst() throws IOException {
    assertThat(ExternalTopologyFile.load(file("allowFaults: true\n" + SENTINEL)).allowNodeFaults()).isFalse();
    assertThat(ExternalTopologyFile.load(file("allowFaults: true\nallowNodeFaults: true\n" + SENTINEL))
        .allowNodeFaults()).isTrue();
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("allowNodeFaults: true\n" + SENTINEL)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("allowNodeFaults: is true but allowFaults is not: faults on the nodes need both");
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("allowFaults: true\nallowNodeFaults: 1\n" + SENTINEL)))
        .isInstanceOf(TopologyException.class).hasMessageContaining("allowNodeFaults");
  }

  @Test
  void everyProblemIsListedAtOnce_namingFileFieldAndValue() throws IOException {
    Path bad = file("""
        schema: 2
        kind: ring
        toxiproxy:
          url: ftp://x
        colour: blue
        nodes:
          - name: a
            role: leader
            proxy: p
            address: nohost
            admin: h:99999
          - name: a
            role: replica
            address: h:1
            admin: h:2
        """);
    assertThatThrownBy(() -> ExternalTopologyFile.load(bad))
        .isInstanceOf(TopologyException.class)
        .hasMessageStartingWith("invalid external topology file " + bad + ":")
        .hasMessageContaining("schema: must be 1, got 2")
        .hasMessageContaining("kind: must be standalone, sentinel or cluster, got \"ring\"")
        .hasMessageContaining("toxiproxy.url: must be http://host:port, got \"ftp://x\"")
        .hasMessageContaining("colour: is not a known field")
        .hasMessageContaining("nodes[0].role: must be primary, replica or sentinel, got \"leader\"")
        .hasMessageContaining("nodes[0].address: must be host:port with a port from 1 to 65535, got \"nohost\"")
        .hasMessageContaining("nodes[0].admin: must be host:port with a port from 1 to 65535, got \"h:99999\"")
        .hasMessageContaining("nodes[1].name: is used by another node, got \"a\"")
        .hasMessageContaining("nodes[1].proxy: is required");
  }

  @Test
  void shapeMustFitTheKind() throws IOException {
    Path noSentinel = file(SENTINEL.replace("role: sentinel", "role: replica").replace("masterName: mymaster\n", ""));
    assertThatThrownBy(() -> ExternalTopologyFile.load(noSentinel))
        .hasMessageContaining("nodes: a sentinel topology has one primary and at least one sentinel (has 1 primaries, 0 sentinels)")
        .hasMessageContaining("masterName: is required for a sentinel topology");
  }

  @Test
  void malformedYaml_namesTheLine() throws IOException {
    Path broken = file("schema: 1\nkind: [standalone\nnodes: x\n");
    assertThatThrownBy(() -> ExternalTopologyFile.load(broken))
        .isInstanceOf(TopologyException.class)
        .hasMessageStartingWith(broken + ": not valid YAML at line");
  }

  @Test
  void unreadableFile_isNamed() {
    Path missing = directory.resolve("nope.yaml");
    assertThatThrownBy(() -> ExternalTopologyFile.load(missing))
        .isInstanceOf(TopologyException.class)
        .hasMessageStartingWith("cannot read the external topology file " + missing);
  }

  @Test
  void security_usersAndPasswordsFromReferences_andTlsFilesNextToTheFile() throws IOException {
    Files.writeString(directory.resolve("app.pw"), "app-password-1\n");
    Files.writeString(directory.resolve("admin.pw"), "admin-password-1\n");
    Files.writeString(directory.resolve("ca.crt"), "not checked here");
    ExternalTopologySpec spec = ExternalTopologyFile.load(file("""
        security:
          username: app
          password: file:app.pw
          adminUsername: ops
          adminPassword: file:admin.pw
          tls: true
          caCertificate: ca.crt
        """ + SENTINEL));
    assertThat(spec.security().label()).isEqualTo("acl+tls");
    assertThat(spec.security().client().user()).isEqualTo("app");
    assertThat(spec.security().client().password().reveal()).isEqualTo("app-password-1");
    assertThat(spec.security().admin().user()).isEqualTo("ops");
    assertThat(spec.tls().caCertificate()).isEqualTo(directory.resolve("ca.crt").toAbsolutePath());
    assertThat(spec.tls().clientCertificate()).isNull();

    ExternalTopologySpec password = ExternalTopologyFile.load(file("security:\n  password: file:app.pw\n" + SENTINEL));
    assertThat(password.security().label()).isEqualTo("password");
    assertThat(password.security().admin().password().reveal()).isEqualTo("app-password-1");
    assertThat(password.tls()).isNull();
  }

  @Test
  void securityProblems_nameTheField_neverThePassword() throws IOException {
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("""
        security:
          username: app
          password: literal-secret-42
          adminUsername: ops
          tls: maybe
          caCertificate: missing.crt
          realm: x
        """ + SENTINEL)))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("security.password: is not a secret reference")
        .hasMessageContaining("security.tls: must be true or false")
        .hasMessageContaining("security.realm: is not a known field")
        .hasMessageNotContaining("literal-secret-42");
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("""
        security:
          password: env:TRACKLAB_SURELY_UNSET_VARIABLE
          tls: true
          caCertificate: missing.crt
        """ + SENTINEL)))
        .hasMessageContaining("security.password: environment variable TRACKLAB_SURELY_UNSET_VARIABLE is not set")
        .hasMessageContaining("security.caCertificate: no readable file");
    assertThatThrownBy(() -> ExternalTopologyFile.load(file("security:\n  caCertificate: ca.crt\n" + SENTINEL)))
        .hasMessageContaining("security.caCertificate: only applies with tls: true");
  }
}

package io.tracklab.topologies.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir
  Path directory;

  private static X509Certificate read(Path pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem)));
  }

  @Test
  void theNodeCertificateIsSignedByTheAuthorityForLoopbackServerAndClientUse() throws Exception {
    TlsMaterial tls = TlsMaterial.generate(directory);
    X509Certificate ca = read(tls.caCertificate());
    X509Certificate node = read(tls.nodeCertificate());
    X509Certificate client = read(tls.clientCertificate());
    node.verify(ca.getPublicKey());
    client.verify(ca.getPublicKey());
    node.checkValidity();
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(node.getBasicConstraints()).isEqualTo(-1);
    List<Object> names = node.getSubjectAlternativeNames().stream().map(name -> name.get(1)).map(Object.class::cast)
        .toList();
    assertThat(names).containsExactlyInAnyOrder("127.0.0.1", "localhost");
    assertThat(node.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
  }

  @Test
  void privateKeysAreTheOwnersOnlyAndPkcs8() throws Exception {
    TlsMaterial tls = TlsMaterial.generate(directory);
    for (Path key : List.of(tls.nodeKey(), tls.clientKey())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
      assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    }
  }

  @Test
  void serverConfigTurnsThePlainPortOffAndTheClusterBusOnlyForClusters() {
    TlsMaterial tls = TlsMaterial.generate(directory);
    assertThat(tls.serverConfig(7000, false)).startsWith("port 0", "tls-port 7000")
        .contains("tls-auth-clients yes", "tls-replication yes").doesNotContain("tls-cluster yes");
    assertThat(tls.serverConfig(7000, true)).contains("tls-cluster yes");
  }

  @Test
  void aBuildWithoutTlsIsRecognizedByItsConfigError() {
    String log = """
        *** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***
        Reading the configuration file, at line 6
        >>> 'tls-port 41235'
        Bad directive or wrong number of arguments""";
    assertThat(TlsMaterial.noTlsSupport("/opt/redis-server", log)).hasValueSatisfying(message ->
        assertThat(message).contains("/opt/redis-server was built without TLS support", "tracklab.redis.executable"));
    assertThat(TlsMaterial.noTlsSupport("/opt/redis-server", ">>> 'maxmemory x'\nBad directive")).isEmpty();
  }
}

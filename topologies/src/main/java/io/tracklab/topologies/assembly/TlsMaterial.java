package io.tracklab.topologies.assembly;

import io.lettuce.core.SslOptions;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.security.TlsFiles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority and certificates made for one topology, nothing trusted beyond it: the
 * nodes' certificate (IP 127.0.0.1 and localhost, server and client use, since nodes are clients
 * of each other on replication and cluster links) and the harness's client certificate, as PEM
 * files Redis reads ({@code tls-cert-file}, {@code tls-key-file}, {@code tls-ca-cert-file}) and as
 * the client side's Lettuce {@link SslOptions} and JDK {@link SSLContext}. EC P-256 keys, valid
 * for 30 days from an hour ago; private keys are 0600.
 */
public final class TlsMaterial {
  private static final Duration VALIDITY = Duration.ofDays(30);
  private static final String SIGNATURE = "SHA256withECDSA";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final X509Certificate authority;
  private final X509Certificate clientCertificate;
  private final PrivateKey clientKey;

  private TlsMaterial(Path directory, X509Certificate authority, X509Certificate clientCertificate,
      PrivateKey clientKey) {
    this.directory = directory;
    this.authority = authority;
    this.clientCertificate = clientCertificate;
    this.clientKey = clientKey;
  }

  /** Generates the material and writes it under {@code directory} (created if needed). */
  public static TlsMaterial generate(Path directory) {
    Path absolute = directory.toAbsolutePath();
    try {
      Files.createDirectories(absolute);
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=tracklab test CA");
      X509Certificate ca = sign(caName, caKeys, caName, caKeys.getPublic(), builder -> {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      });
      KeyPair nodeKeys = keyPair();
      X509Certificate node = sign(caName, caKeys, new X500Name("CN=tracklab redis node"), nodeKeys.getPublic(),
          builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
          });
      KeyPair clientKeys = keyPair();
      X509Certificate client = sign(caName, caKeys, new X500Name("CN=tracklab-client"), clientKeys.getPublic(),
          builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
          });
      writePem(absolute.resolve("ca.crt"), "CERTIFICATE", ca.getEncoded(), false);
      writePem(absolute.resolve("node.crt"), "CERTIFICATE", node.getEncoded(), false);
      writePem(absolute.resolve("node.key"), "PRIVATE KEY", nodeKeys.getPrivate().getEncoded(), true);
      writePem(absolute.resolve("client.crt"), "CERTIFICATE", client.getEncoded(), false);
      writePem(absolute.resolve("client.key"), "PRIVATE KEY", clientKeys.getPrivate().getEncoded(), true);
      return new TlsMaterial(absolute, ca, client, clientKeys.getPrivate());
    } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
      throw new TopologyException("cannot generate TLS certificates in " + absolute + ": " + e, e);
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return generator.generateKeyPair();
  }

  private static X509Certificate sign(X500Name issuer, KeyPair issuerKeys, X500Name subject,
      java.security.PublicKey subjectKey, Extensions extensions)
      throws IOException, GeneralSecurityException, OperatorCreationException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).abs(),
        Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), subject, subjectKey);
    extensions.add(builder);
    return new JcaX509CertificateConverter().getCertificate(
        builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate())));
  }

  /** PEM: base64 in 64-character lines between BEGIN and END; keys owner-only. */
  private static void writePem(Path file, String type, byte[] der, boolean secret) throws IOException {
    String pem = "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
    Files.deleteIfExists(file);
    if (secret && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(file, pem, StandardCharsets.US_ASCII);
  }

  public Path directory() {
    return directory;
  }

  public Path caCertificate() {
    return directory.resolve("ca.crt");
  }

  public Path nodeCertificate() {
    return directory.resolve("node.crt");
  }

  public Path nodeKey() {
    return directory.resolve("node.key");
  }

  public Path clientCertificate() {
    return directory.resolve("client.crt");
  }

  public Path clientKey() {
    return directory.resolve("client.key");
  }

  /**
   * The lines that make a node (or Sentinel) TLS-only on {@code port}: they follow the
   * {@code port} line every node gets, and the last value of a directive wins. Clients must
   * present a certificate of this CA; replication (and Sentinel's links) and, with
   * {@code cluster}, the cluster bus are TLS too.
   */
  public List<String> serverConfig(int port, boolean cluster) {
    List<String> lines = new ArrayList<>(List.of(
        "port 0",
        "tls-port " + port,
        "tls-cert-file " + nodeCertificate(),
        "tls-key-file " + nodeKey(),
        "tls-ca-cert-file " + caCertificate(),
        "tls-auth-clients yes",
        "tls-replication yes"));
    if (cluster) {
      lines.add("tls-cluster yes");
    }
    return lines;
  }

  /** What a client needs: this CA to trust, the client certificate to present. */
  public TlsFiles clientFiles() {
    return new TlsFiles(caCertificate(), clientCertificate(), clientKey());
  }

  /** Lettuce's TLS options: trust this CA only, present the client certificate. */
  public SslOptions sslOptions() {
    return clientFiles().sslOptions();
  }

  /** The same for JDK sockets (readiness probes, Jedis): trusts this CA, presents the client certificate. */
  public SSLContext sslContext() {
    try {
      char[] password = Long.toHexString(RANDOM.nextLong()).toCharArray(); // in memory only
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", clientKey, password, new Certificate[] {clientCertificate, authority});
      KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keys, password);
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("ca", authority);
      TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustManagers.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new TopologyException("cannot build a TLS context from " + directory + ": " + e, e);
    }
  }

  /**
   * What to tell a user whose redis-server failed to start on a TLS configuration because it was
   * built without TLS: such a build does not know the {@code tls-*} directives and stops on the
   * first with "Bad directive"; empty for any other failure.
   */
  public static Optional<String> noTlsSupport(String executable, String logTail) {
    if (logTail.contains(">>> 'tls-") && logTail.contains("Bad directive")) {
      return Optional.of(executable + " was built without TLS support (make BUILD_TLS=yes), so it cannot run a"
          + " TLS topology: install a redis-server built with TLS (Debian's is: apt-get install redis-server)"
          + " or point -Dtracklab.redis.executable at one");
    }
    return Optional.empty();
  }
}

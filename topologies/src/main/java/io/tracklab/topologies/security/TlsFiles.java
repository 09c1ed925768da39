package io.tracklab.topologies.security;

import io.lettuce.core.SslOptions;
import java.nio.file.Path;

/**
 * Where a client's TLS settings are: the certificate authority to trust (null: the JVM's trust
 * store) and, for servers that ask for one, a client certificate and its key (PEM; both or
 * neither).
 */
public record TlsFiles(Path caCertificate, Path clientCertificate, Path clientKey) {
  public TlsFiles {
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new IllegalArgumentException("a client certificate needs its key, and a key its certificate");
    }
  }

  /** Lettuce's TLS options for these files. */
  public SslOptions sslOptions() {
    SslOptions.Builder builder = SslOptions.builder().jdkSslProvider();
    if (caCertificate != null) {
      builder.trustManager(caCertificate.toFile());
    }
    if (clientCertificate != null) {
      builder.keyManager(clientCertificate.toFile(), clientKey.toFile(), null);
    }
    return builder.build();
  }
}

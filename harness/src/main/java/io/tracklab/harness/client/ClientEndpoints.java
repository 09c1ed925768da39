package io.tracklab.harness.client;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import java.util.List;
import java.util.Optional;

/**
 * Where a client connects (what a topology hands out, credentials included in the URIs) and the
 * Lettuce resources it may share.
 *
 * @param cluster whether {@code uris} are Cluster seeds (else one standalone or Sentinel URI)
 * @param ssl how to reach the topology over TLS (trust, client certificate); null without TLS
 */
public record ClientEndpoints(ClientResources resources, List<RedisURI> uris, boolean cluster, SslOptions ssl) {
  public ClientEndpoints {
    uris = List.copyOf(uris);
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("no endpoint to connect to");
    }
  }

  /** Endpoints reached without TLS. */
  public ClientEndpoints(ClientResources resources, List<RedisURI> uris, boolean cluster) {
    this(resources, uris, cluster, null);
  }

  public Optional<SslOptions> tls() {
    return Optional.ofNullable(ssl);
  }

  /** Client options with this topology's TLS settings, for the adapter to add its own to. */
  public ClientOptions.Builder clientOptions() {
    ClientOptions.Builder options = ClientOptions.builder();
    tls().ifPresent(options::sslOptions);
    return options;
  }
}

package io.tracklab.harness.client;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import java.util.List;

/**
 * Where a client connects (what a topology hands out) and the Lettuce resources it may share.
 *
 * @param cluster whether {@code uris} are Cluster seeds (else one standalone or Sentinel URI)
 */
public record ClientEndpoints(ClientResources resources, List<RedisURI> uris, boolean cluster) {
  public ClientEndpoints {
    uris = List.copyOf(uris);
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("no endpoint to connect to");
    }
  }
}

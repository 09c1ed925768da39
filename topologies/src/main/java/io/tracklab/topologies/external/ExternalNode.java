package io.tracklab.topologies.external;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;

/** A node of the user's own: reached through the user's proxy, administered directly. */
final class ExternalNode implements RedisNode {
  private final ExternalTopologySpec.Node spec;
  private final Proxy proxy;

  ExternalNode(ExternalTopologySpec.Node spec, Proxy proxy) {
    this.spec = spec;
    this.proxy = proxy;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public NodeRole initialRole() {
    return spec.role();
  }

  @Override
  public Proxy proxy() {
    return proxy;
  }

  @Override
  public RedisURI proxyUri() {
    return RedisURI.create(spec.address().host(), spec.address().port());
  }

  @Override
  public RedisURI directUri() {
    return RedisURI.create(spec.admin().host(), spec.admin().port());
  }

  HostPort address() {
    return spec.address();
  }

  @Override
  public String toString() {
    return spec.name() + " (" + spec.role().name().toLowerCase(java.util.Locale.ROOT) + ", proxy "
        + spec.proxy() + " at " + spec.address() + ", admin " + spec.admin() + ")";
  }
}

package io.tracklab.topologies.external;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.security.TopologySecurity;

/** A node of the user's own: reached through the user's proxy, administered directly. */
final class ExternalNode implements RedisNode {
  private final ExternalTopologySpec.Node spec;
  private final Proxy proxy;
  private final TopologySecurity security;

  ExternalNode(ExternalTopologySpec.Node spec, Proxy proxy, TopologySecurity security) {
    this.spec = spec;
    this.proxy = proxy;
    // an external topology's Sentinels are reached without credentials (docs/external-topology.md)
    this.security = spec.role() == NodeRole.SENTINEL ? security.tlsOnly() : security;
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
    return security.clientUri(spec.address().host(), spec.address().port());
  }

  @Override
  public RedisURI directUri() {
    return security.adminUri(spec.admin().host(), spec.admin().port());
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

package io.tracklab.topologies.assembly;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.security.TopologySecurity;

/** A node of an assembled topology: how it runs, its proxy, and the ports of both. */
public final class ProxiedNode implements RedisNode {
  private final String name;
  private final NodeRole initialRole;
  private final Proxy proxy;
  private final int proxyPort;
  private final NodeHandle handle;
  private final int busPort;
  private final TopologySecurity security;

  ProxiedNode(String name, NodeRole initialRole, Proxy proxy, int proxyPort, NodeHandle handle, int busPort,
      TopologySecurity security) {
    this.security = security;
    this.name = name;
    this.initialRole = initialRole;
    this.proxy = proxy;
    this.proxyPort = proxyPort;
    this.handle = handle;
    this.busPort = busPort;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NodeRole initialRole() {
    return initialRole;
  }

  @Override
  public Proxy proxy() {
    return proxy;
  }

  @Override
  public RedisURI proxyUri() {
    return security.clientUri(AssembledTopology.HOST, proxyPort);
  }

  @Override
  public RedisURI directUri() {
    return security.adminUri(AssembledTopology.HOST, handle.port());
  }

  public int proxyPort() {
    return proxyPort;
  }

  public int port() {
    return handle.port();
  }

  /** The cluster bus port (direct, not proxied); 0 outside Cluster. */
  int busPort() {
    return busPort;
  }

  /** The running node (a process or a container). */
  public NodeHandle handle() {
    return handle;
  }

  @Override
  public String toString() {
    return name + " (proxy " + AssembledTopology.HOST + ":" + proxyPort + ", node " + AssembledTopology.HOST
        + ":" + handle.port() + ")";
  }
}

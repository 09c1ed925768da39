package io.tracklab.topologies.local;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.RedisNode;

/** A node of a local topology: its process, its proxy, and the ports of both. */
final class LocalNode implements RedisNode {
  private final String name;
  private final NodeRole initialRole;
  private final Proxy proxy;
  private final int proxyPort;
  private final RedisProcess process;
  private final int busPort;

  LocalNode(String name, NodeRole initialRole, Proxy proxy, int proxyPort, RedisProcess process, int busPort) {
    this.name = name;
    this.initialRole = initialRole;
    this.proxy = proxy;
    this.proxyPort = proxyPort;
    this.process = process;
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
    return RedisURI.create(RedisProcess.HOST, proxyPort);
  }

  @Override
  public RedisURI directUri() {
    return RedisURI.create(RedisProcess.HOST, process.port());
  }

  int proxyPort() {
    return proxyPort;
  }

  int port() {
    return process.port();
  }

  /** The cluster bus port (direct, not proxied); 0 outside Cluster. */
  int busPort() {
    return busPort;
  }

  RedisProcess process() {
    return process;
  }

  @Override
  public String toString() {
    return name + " (proxy 127.0.0.1:" + proxyPort + ", node " + process.address() + ")";
  }
}

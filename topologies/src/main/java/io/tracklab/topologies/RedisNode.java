package io.tracklab.topologies;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;

/**
 * One Redis server or Sentinel of a topology. Clients reach it only through {@link #proxy()};
 * the harness's audits and fault operations use {@link #directUri()}, which bypasses the proxy.
 */
public interface RedisNode {

  /** Stable name: {@code primary}, {@code replica-1}, {@code sentinel-2}, {@code node-3}. */
  String name();

  /** The role it was started with. */
  NodeRole initialRole();

  /** The node's Toxiproxy proxy, to add toxics to or disable. */
  Proxy proxy();

  /** {@code redis://host:port} of the proxy: what clients use and what the node announces. */
  RedisURI proxyUri();

  /** {@code redis://host:port} of the node itself, bypassing its proxy (admin only). */
  RedisURI directUri();
}

package io.tracklab.topologies.node;

import eu.rekawek.toxiproxy.ToxiproxyClient;

/** The Toxiproxy server a topology's proxies live on (embedded, or a container). */
public interface ProxyServer extends AutoCloseable {

  /** Drives the server, whichever it is: the one client for both. */
  ToxiproxyClient client();

  /** The server's API, {@code http://host:port}. */
  String url();

  /** Stops the server and every proxy on it; idempotent. */
  @Override
  void close();
}

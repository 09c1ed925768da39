package io.tracklab.topologies.local;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.toxiproxy.EmbeddedToxiproxy;

/** Proxies on an embedded Toxiproxy server in this JVM, on 127.0.0.1. */
final class EmbeddedProxyServer implements ProxyServer {
  private final EmbeddedToxiproxy server = EmbeddedToxiproxy.startOnLoopback();
  private final ToxiproxyClient client = new ToxiproxyClient(server.host(), server.port());

  @Override
  public ToxiproxyClient client() {
    return client;
  }

  @Override
  public String url() {
    return server.apiUrl();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.tracklab.topologies.external;

import java.net.InetSocketAddress;

/** {@code host:port} as written in an external topology file. */
public record HostPort(String host, int port) {

  /** Parses {@code host:port} or {@code [v6]:port}; null when it is not one. */
  static HostPort parse(String text) {
    if (text == null) {
      return null;
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return null;
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      return null;
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      return port >= 1 && port <= 65535 && !host.isBlank() ? new HostPort(host, port) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** This address unresolved, as the security settings take a Sentinel's (they know no file format). */
  InetSocketAddress unresolved() {
    return InetSocketAddress.createUnresolved(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}

package io.tracklab.topologies.toxiproxy.proxy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Toxiproxy's {@code host:port} strings: parsing, resolving and printing them as Go does. */
final class SocketAddresses {
  private SocketAddresses() {}

  /** A parsed, unresolved {@code host:port}; {@code host} is empty for {@code ":port"}. */
  record HostPort(String host, int port) {}

  /**
   * Splits {@code [v6]:port}, {@code host:port} or {@code :port}.
   *
   * @throws ToxiproxyApiException (500, as Toxiproxy's listen errors are) naming the address
   */
  static HostPort parse(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0) {
      throw listenError(address, "missing port in address");
    }
    String host = address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw listenError(address, "too many colons in address");
    }
    String portText = address.substring(colon + 1);
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      throw listenError(address, "unknown port " + portText);
    }
    if (port < 0 || port > 65535) {
      throw listenError(address, "invalid port " + portText);
    }
    return new HostPort(host, port);
  }

  /**
   * Resolves {@code address}, an empty host meaning {@code defaultHost} and an empty address a
   * free port on it (Toxiproxy listens on every interface there; this server never does).
   */
  static InetSocketAddress resolve(String address, String defaultHost) {
    HostPort hostPort = address.isEmpty() ? new HostPort("", 0) : parse(address);
    String host = hostPort.host().isEmpty() ? defaultHost : hostPort.host();
    try {
      return new InetSocketAddress(InetAddress.getByName(host), hostPort.port());
    } catch (UnknownHostException e) {
      throw listenError(address, "no such host " + host);
    }
  }

  /** {@code 127.0.0.1:8474} or {@code [::1]:8474}, as Go prints a TCP address. */
  static String format(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
    return host + ":" + address.getPort();
  }

  static ToxiproxyApiException listenError(String address, String reason) {
    return ToxiproxyApiException.internal("listen tcp " + address + ": " + reason);
  }
}

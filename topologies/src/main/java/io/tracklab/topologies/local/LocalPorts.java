package io.tracklab.topologies.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface. */
public final class LocalPorts {
  private LocalPorts() {}

  /**
   * A port that was free a moment ago. Another process may take it before it is used, so
   * callers that bind through a child process retry on "address in use".
   */
  public static int pickFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(false);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
    }
  }
}

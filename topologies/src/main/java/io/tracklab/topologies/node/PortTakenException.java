package io.tracklab.topologies.node;

import io.tracklab.topologies.TopologyException;

/** A node's port was taken between choosing it and binding it: choose another. */
public final class PortTakenException extends TopologyException {
  private static final long serialVersionUID = 1L;

  public PortTakenException(String name, String address) {
    super(name + ": redis-server could not bind " + address + ": address already in use");
  }

  /**
   * Whether a redis-server log says its port was taken: "Address already in use" where it links
   * glibc (Debian's), "Address in use" where it links musl (the static binary of embedded-redis,
   * which the containers and the bundled fallback run).
   */
  public static boolean saidBy(String log) {
    return log.contains("Address already in use") || log.contains("Address in use");
  }
}

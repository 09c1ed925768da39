package io.tracklab.topologies.node;

import io.tracklab.topologies.TopologyException;

/** A node's port was taken between choosing it and binding it: choose another. */
public final class PortTakenException extends TopologyException {
  private static final long serialVersionUID = 1L;

  public PortTakenException(String name, String address) {
    super(name + ": redis-server could not bind " + address + ": address already in use");
  }
}

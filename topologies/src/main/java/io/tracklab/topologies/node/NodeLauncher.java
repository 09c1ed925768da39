package io.tracklab.topologies.node;

/** Starts nodes for a topology: as local processes, or as containers. */
public interface NodeLauncher {

  /**
   * Starts a node and waits until it answers PING.
   *
   * @throws PortTakenException when its port was taken meanwhile (pick another, try again)
   */
  NodeHandle start(NodeLaunch launch);

  /** A port on 127.0.0.1 that is free now, for a node or its cluster bus. */
  int freePort();
}

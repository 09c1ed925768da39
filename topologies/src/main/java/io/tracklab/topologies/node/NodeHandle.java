package io.tracklab.topologies.node;

/**
 * A started node, however it runs (a local process, a container): what topologies need to
 * manage it and to inject process-level faults into it.
 */
public interface NodeHandle extends AutoCloseable {

  String name();

  /** The port the node itself listens on (its proxy listens elsewhere). */
  int port();

  boolean isAlive();

  /** Dies at once without saving (SIGKILL). */
  void kill();

  /** Starts a killed node again, same port, same files. */
  void restart();

  /** Freezes with its sockets open (SIGSTOP / docker pause). */
  void pause();

  /** Undoes {@link #pause()}. */
  void resume();

  /** Where its log is, for error messages. */
  String logLocation();

  /** Stops it; idempotent. */
  @Override
  void close();
}

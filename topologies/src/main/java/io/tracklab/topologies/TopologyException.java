package io.tracklab.topologies;

/**
 * A user-facing failure of the topologies module: a server that will not start, a binary that is
 * missing, a port that is taken. The message says what failed, where, and what to do about it.
 */
public class TopologyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TopologyException(String message) {
    super(message);
  }

  public TopologyException(String message, Throwable cause) {
    super(message, cause);
  }
}

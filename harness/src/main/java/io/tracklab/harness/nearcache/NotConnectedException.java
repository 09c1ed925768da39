package io.tracklab.harness.nearcache;

/**
 * A read or write made while the near-cache has no tracking connection to the node that owns the
 * key: after a disconnect, until a new connection has turned {@code CLIENT TRACKING} on (usually
 * a few milliseconds; as long as the node stays unreachable otherwise). Thrown at once, never
 * after waiting: a command queued across a reconnect could be answered before tracking is on, and
 * its reply cached with no invalidation ever to come (why the near-cache does not use Lettuce's
 * auto-reconnect). Retry, or read from elsewhere; the run's figures count these as failed reads.
 */
public final class NotConnectedException extends NearCacheException {
  private static final long serialVersionUID = 1L;

  public NotConnectedException(String message) {
    super(message);
  }

  public NotConnectedException(String message, Throwable cause) {
    super(message, cause);
  }
}

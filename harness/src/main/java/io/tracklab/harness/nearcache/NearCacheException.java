package io.tracklab.harness.nearcache;

/** A near-cache operation that could not be done: not connected, closed, or Redis failed. */
public class NearCacheException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NearCacheException(String message) {
    super(message);
  }

  public NearCacheException(String message, Throwable cause) {
    super(message, cause);
  }
}

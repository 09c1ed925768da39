package io.tracklab.harness.coordination;

/** The controller cannot be reached, refused a request, or aborted the run. */
public final class CoordinationException extends RuntimeException {
  public CoordinationException(String message) {
    super(message);
  }

  public CoordinationException(String message, Throwable cause) {
    super(message, cause);
  }
}

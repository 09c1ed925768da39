package io.tracklab.topologies.security;

/** A secret that cannot be read: the message names where it was asked for, never its value. */
public final class SecretException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SecretException(String message) {
    super(message);
  }
}

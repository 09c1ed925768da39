package io.tracklab.harness.client;

/** A client that cannot run against the topology it was given, and why (its result says "unsupported"). */
public final class UnsupportedClientException extends RuntimeException {
  private final String client;

  public UnsupportedClientException(String client, String reason) {
    super(client + " is unsupported here: " + reason);
    this.client = client;
  }

  public String client() {
    return client;
  }
}

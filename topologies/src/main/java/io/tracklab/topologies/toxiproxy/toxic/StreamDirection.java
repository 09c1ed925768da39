package io.tracklab.topologies.toxiproxy.toxic;

import java.util.Locale;
import java.util.Optional;

/**
 * Which way bytes flow through a proxy. As in Toxiproxy, {@code upstream} is client to server and
 * {@code downstream} is server to client.
 */
public enum StreamDirection {
  UPSTREAM("upstream"),
  DOWNSTREAM("downstream");

  private final String wireName;

  StreamDirection(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the Toxiproxy API. */
  public String wireName() {
    return wireName;
  }

  /** Parses a stream name case-insensitively, as Toxiproxy does; empty when it is neither. */
  public static Optional<StreamDirection> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String lower = value.toLowerCase(Locale.ROOT);
    for (StreamDirection direction : values()) {
      if (direction.wireName.equals(lower)) {
        return Optional.of(direction);
      }
    }
    return Optional.empty();
  }
}

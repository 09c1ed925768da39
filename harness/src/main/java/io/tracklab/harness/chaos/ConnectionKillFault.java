package io.tracklab.harness.chaos;

import java.util.Map;
import java.util.Set;

/**
 * {@code CLIENT KILL TYPE <type>} on a node: every client connection of that type is closed by
 * the server, the others stay. {@code pubsub} closes only the connections that are subscribed to
 * channels, which is where a client that tracks with {@code REDIRECT} (RESP2 style, as Redisson
 * can) receives its invalidations: its commands' connections live on, and the server stops
 * sending invalidations to a redirect target that is gone without telling a RESP2 client
 * (redis/redis#11767). {@code normal} closes every ordinary connection (not the harness's own).
 * An instant: nothing to heal, clients reconnect as they do.
 *
 * @param type {@code pubsub} or {@code normal}
 */
public record ConnectionKillFault(String type, String target) implements NodeCommandFault {
  static final String KIND = "kill-connections";
  static final Set<String> TYPES = Set.of("pubsub", "normal");

  public ConnectionKillFault {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(KIND + " takes a connection type, pubsub or normal, got \"" + type + "\"");
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("type", type);
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    topology.killConnections(node, type);
    return Heal.NOTHING;
  }
}

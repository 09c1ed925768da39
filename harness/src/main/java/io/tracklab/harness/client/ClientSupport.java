package io.tracklab.harness.client;

import java.util.Map;
import java.util.Optional;

/**
 * Which clients cannot run which topologies, and why. Asked before a run starts (the run's result
 * then says "unsupported" with the reason, and nothing runs) and by the adapters themselves when
 * opened, so the two cannot disagree.
 */
public final class ClientSupport {
  private static final String LETTUCE_CSC = "Lettuce's ClientSideCaching tracks keys on one standalone "
      + "connection; it has no Sentinel or Cluster support";

  static final String STANDALONE = "standalone";
  static final String SENTINEL = "sentinel";
  static final String CLUSTER = "cluster";

  /** client name → topology ({@code standalone}, {@code sentinel}, {@code cluster}) → reason. */
  private static final Map<String, Map<String, String>> UNSUPPORTED = Map.of(
      LettuceCscClient.NAME, Map.of(SENTINEL, LETTUCE_CSC, CLUSTER, LETTUCE_CSC));

  /** Peers tracklab does not hand its generated TLS material to (yet). */
  private static final Map<String, String> NO_TLS = Map.of(
      JedisCscClient.NAME, "tracklab does not pass its TLS trust and client certificate to Jedis yet",
      RedissonCscClient.NAME, "tracklab does not pass its TLS trust and client certificate to Redisson yet");

  private ClientSupport() {}

  /** {@link #unsupported(String, String)}, and whether {@code client} can run it over TLS. */
  public static Optional<String> unsupported(String client, String topology, boolean tls) {
    Optional<String> reason = unsupported(client, topology);
    return reason.isPresent() || !tls ? reason : Optional.ofNullable(NO_TLS.get(client));
  }

  /** Why {@code client} cannot run {@code topology} ({@code standalone}, {@code sentinel}, {@code cluster}); empty when it can. */
  public static Optional<String> unsupported(String client, String topology) {
    return Optional.ofNullable(UNSUPPORTED.getOrDefault(client, Map.of()).get(topology));
  }

  /** The kind of topology {@code endpoints} lead to. */
  static String kindOf(ClientEndpoints endpoints) {
    if (endpoints.cluster()) {
      return CLUSTER;
    }
    return endpoints.uris().get(0).getSentinels().isEmpty() ? STANDALONE : SENTINEL;
  }

  /** @throws UnsupportedClientException when {@code client} cannot run what {@code endpoints} lead to */
  static void require(String client, ClientEndpoints endpoints) {
    unsupported(client, kindOf(endpoints), endpoints.tls().isPresent()).ifPresent(reason -> {
      throw new UnsupportedClientException(client, reason);
    });
  }
}

package io.tracklab.simulations.run;

import io.tracklab.harness.client.CacheClient;
import io.tracklab.harness.client.JedisCscClient;
import io.tracklab.harness.client.LettuceCscClient;
import io.tracklab.harness.client.PlainClient;
import io.tracklab.harness.client.RedissonCscClient;
import io.tracklab.harness.client.TrackedClient;
import io.tracklab.harness.client.TtlClient;
import io.tracklab.harness.config.DurationText;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.TrackingMode;
import io.tracklab.simulations.settings.RunSettings;
import java.time.Duration;

/**
 * The one place a run's client name ({@link RunSettings#CLIENTS}) becomes the client under test:
 * tracklab's near-cache in its three tracking modes, the TTL-only cache, no cache, or a peer
 * library's client-side cache. Whether a client can run a topology at all is
 * {@code ClientSupport}'s to say, before anything starts.
 */
final class ClientUnderTest {
  private ClientUnderTest() {}

  /**
   * @param keyPrefix the workload's keys' prefix (what BCAST tracks)
   * @param commandTimeout every client's command timeout, the near-cache's stated with it
   */
  static CacheClient.Factory factory(RunSettings settings, String keyPrefix, Duration commandTimeout) {
    return switch (settings.client()) {
      case "ttl" -> TtlClient.factory(settings.clientTtl());
      case "none" -> PlainClient.factory();
      case LettuceCscClient.NAME -> LettuceCscClient.factory();
      case RedissonCscClient.NAME -> RedissonCscClient.factory();
      case JedisCscClient.NAME -> JedisCscClient.factory();
      case "tracklab", "tracklab-bcast", "tracklab-optin" -> {
        NearCacheConfig config = nearCache(settings, keyPrefix, commandTimeout);
        System.out.printf("tracklab: near-cache: %s tracking%s, heartbeat every %d ms, deadline %d ms, command "
                + "timeout %d ms, entries die with their key's TTL, max age %s%n", config.mode(),
            config.mode() == TrackingMode.BCAST ? " of prefix " + keyPrefix : "",
            config.heartbeatInterval().toMillis(), config.heartbeatDeadline().toMillis(),
            config.commandTimeout().toMillis(), DurationText.format(config.maxEntryAge()));
        yield TrackedClient.factory(settings.client(), config);
      }
      default -> throw new IllegalArgumentException("no adapter for client " + settings.client());
    };
  }

  /** tracklab's near-cache as {@code settings.client()} names its mode. */
  static NearCacheConfig nearCache(RunSettings settings, String keyPrefix, Duration commandTimeout) {
    // the same command timeout every other client's commands get (the endpoints' timeout), stated
    NearCacheConfig.Builder builder = NearCacheConfig.builder().commandTimeout(commandTimeout)
        .maxEntryAge(settings.maxEntryAge());
    switch (settings.client()) {
      case "tracklab-bcast" -> builder.broadcast(keyPrefix); // the workload's keys, all announced
      case "tracklab-optin" -> builder.mode(TrackingMode.OPTIN); // CLIENT CACHING YES before each cached read
      default -> { }
    }
    return builder.build();
  }
}

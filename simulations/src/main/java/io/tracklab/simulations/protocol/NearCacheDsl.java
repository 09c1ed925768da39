package io.tracklab.simulations.protocol;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ProtocolBuilder;

/**
 * The near-cache DSL for Gatling's Java API: {@code nearCache()} as the protocol,
 * {@code cacheGet()} and {@code cacheSet()} as actions. Builders are immutable.
 *
 * <pre>{@code
 * scenario("near-cache").exec(cacheGet()) ... .protocols(nearCache())
 * }</pre>
 */
public final class NearCacheDsl {
  /** The scenario name pseudo-requests are logged under; simulations name their scenario so. */
  public static final String SCENARIO = "near-cache";
  /** The group every operation is in, so gates on operations ignore the pseudo-requests. */
  public static final String OPERATIONS = "operations";
  /** Request: a read the near-cache answered locally. */
  public static final String GET_LOCAL = "get (local)";
  /** Request: a read that went to Redis. */
  public static final String GET_REMOTE = "get (remote)";
  /** Request: a write of the next version of a key. */
  public static final String SET = "set";
  /** Request: a delete of a key (its next version). */
  public static final String DELETE = "delete";
  /** Request: a multi-key read every key of which the near-cache answered locally. */
  public static final String MGET_LOCAL = "mget (local)";
  /** Request: a multi-key read that went to Redis for at least one key. */
  public static final String MGET_REMOTE = "mget (remote)";
  /** Pseudo-request: one per user at its end, its response time the run's hit ratio so far in per mille. */
  public static final String HIT_RATIO = "hit ratio (per mille)";
  /** Pseudo-request: one per fault injected or healed, KO when that failed (the run then did not test what it says). */
  public static final String CHAOS = "chaos";
  /** Pseudo-request: one per stale read, its response time the read's staleness age. */
  public static final String STALENESS = "staleness";
  /** Pseudo-request: one per measured invalidation, its response time the delay. */
  public static final String INVALIDATION_DELAY = "invalidation delay";

  private NearCacheDsl() {}

  /** The protocol; the run it talks to is the one the simulation's before() started. */
  public static ProtocolBuilder nearCache() {
    NearCacheProtocol protocol = new NearCacheProtocol();
    return () -> protocol;
  }

  /** Reads the workload's next key through the client under test. */
  public static ActionBuilder cacheGet() {
    return () -> (context, next) -> new CacheGetAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }

  /** Logs the run's hit ratio (a pseudo-request); the last step of each user. */
  /** The name of the pseudo-request of a run whose client cannot run its topology. */
  public static final String UNSUPPORTED_CLIENT = "unsupported client";

  /** Logs that the client cannot run the topology, and why (the run's only step). */
  public static ActionBuilder unsupportedClient(String reason) {
    return () -> (context, next) -> new UnsupportedClientAction(context.coreComponents(), reason, next);
  }

  public static ActionBuilder hitRatio() {
    return () -> (context, next) -> new HitRatioAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }

  /** Writes the next version of the workload's next key (as another instance would). */
  public static ActionBuilder cacheSet() {
    return () -> (context, next) -> new CacheWriteAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next, false);
  }

  /** Deletes the workload's next key (as another instance would); the delete is its next version. */
  public static ActionBuilder cacheDelete() {
    return () -> (context, next) -> new CacheWriteAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next, true);
  }

  /** Reads {@code size} of the workload's keys at once through the client under test. */
  public static ActionBuilder cacheMget(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("an MGET reads at least one key, got " + size);
    }
    return () -> (context, next) -> new CacheMgetAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next, size);
  }
}

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
  public static ActionBuilder hitRatio() {
    return () -> (context, next) -> new HitRatioAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }

  /** Writes the next version of the workload's next key (as another instance would). */
  public static ActionBuilder cacheSet() {
    return () -> (context, next) -> new CacheSetAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }
}

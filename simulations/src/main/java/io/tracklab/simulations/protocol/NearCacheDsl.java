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

  /** Writes the next version of the workload's next key (as another instance would). */
  public static ActionBuilder cacheSet() {
    return () -> (context, next) -> new CacheSetAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }
}

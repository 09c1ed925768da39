package io.tracklab.simulations.protocol;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ProtocolBuilder;
import io.tracklab.simulations.run.TracklabRun;
import java.util.function.Supplier;

/**
 * The near-cache DSL for Gatling's Java API: {@code nearCache(() -> run)} as the protocol,
 * {@code cacheGet()} and {@code cacheSet()} as actions. Builders are immutable.
 *
 * <pre>{@code
 * scenario("near-cache").exec(cacheGet()) ... .protocols(nearCache(() -> run))
 * }</pre>
 */
public final class NearCacheDsl {
  /** The scenario name pseudo-requests are logged under; simulations name their scenario so. */
  public static final String SCENARIO = "near-cache";
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
  /** Pseudo-requests {@code gate: <name>}: one per gate when the last user finished, KO when it failed. */
  public static final String GATE = "gate: ";
  /** Pseudo-request: one per fault injected or healed, KO when that failed (the run then did not test what it says). */
  public static final String CHAOS = "chaos";
  /** Pseudo-request: a stale read (sampled), its response time the read's staleness age. */
  public static final String STALENESS = "staleness";
  /** Pseudo-request: a measured invalidation (sampled), its response time the delay. */
  public static final String INVALIDATION_DELAY = "invalidation delay";

  private NearCacheDsl() {}

  /**
   * The protocol, with the way to the run its actions talk to: the one the simulation's
   * {@code before()} starts, read when Gatling builds the scenario (after it).
   */
  public static ProtocolBuilder nearCache(Supplier<TracklabRun> run) {
    NearCacheProtocol protocol = new NearCacheProtocol(run);
    return () -> protocol;
  }

  /** Reads the workload's next key through the client under test. */
  public static ActionBuilder cacheGet() {
    return () -> (context, next) -> new CacheGetAction(
        context.protocolComponentsRegistry().components(NearCacheProtocol.KEY), next);
  }

  /** The name of the pseudo-request of a run whose client cannot run its topology. */
  public static final String UNSUPPORTED_CLIENT = "unsupported client";

  /** Logs that the client cannot run the topology, and why (the run's only step). */
  public static ActionBuilder unsupportedClient(String reason) {
    return () -> (context, next) -> new UnsupportedClientAction(context.coreComponents(), reason, next);
  }

  /** The last step of each user: the last one to finish has the gates judged. */
  public static ActionBuilder userFinished() {
    return () -> (context, next) -> new UserFinishedAction(
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

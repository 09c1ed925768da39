package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import io.tracklab.simulations.TracklabRun;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import scala.Option;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;

/**
 * Measurements that are not requests, logged as if they were, so Gatling's reports show them and
 * its assertions can gate on them: a pseudo-request's response time is the measured value
 * (whole milliseconds, Gatling's resolution; result.json keeps microseconds).
 *
 * <p>Each name gets one zero sample when the first action runs, so that its assertions find it
 * even when nothing was measured. Not earlier: the stats engine only accepts records once the
 * run has started, and a record logged before (or after the run ended) corrupts simulation.log.
 */
final class PseudoRequests {
  private final CoreComponents core;
  private final TracklabRun run;
  private final AtomicBoolean started = new AtomicBoolean();

  PseudoRequests(TracklabRun run, CoreComponents core) {
    this.run = run;
    this.core = core;
  }

  @SuppressWarnings("unchecked")
  private static List<String> noGroups() {
    return (List<String>) (List<?>) Nil$.MODULE$;
  }

  /** Called by every action before it logs anything; the first call opens the pseudo-requests. */
  void ensureStarted() {
    if (started.get() || !started.compareAndSet(false, true)) {
      return;
    }
    log(NearCacheDsl.STALENESS, 0);
    log(NearCacheDsl.INVALIDATION_DELAY, 0);
    run.onInvalidationDelay(delayNanos -> log(NearCacheDsl.INVALIDATION_DELAY, delayNanos));
  }

  void log(String name, long valueNanos) {
    if (run.isFinishing()) {
      return;
    }
    long end = core.clock().nowMillis();
    long millis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(valueNanos));
    core.statsEngine().logResponse(NearCacheDsl.SCENARIO, noGroups(), name, end - millis, end, OK$.MODULE$,
        Option.empty(), Option.empty());
  }
}

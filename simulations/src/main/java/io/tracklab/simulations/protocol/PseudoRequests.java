package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.simulations.run.TracklabRun;
import java.time.Duration;
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
    run.onHeldViolation(ageNanos -> log(NearCacheDsl.STALENESS, ageNanos));
    run.loadStarted(new ChaosListener() {
      @Override
      public void injected(ScheduledFault fault, String node, Duration offset) {
        chaos(null);
      }

      @Override
      public void healed(ScheduledFault fault, Duration offset) {
        chaos(null);
      }

      @Override
      public void failed(ScheduledFault fault, String step, Duration offset, Exception error) {
        chaos("could not " + step + " \"" + fault.text() + "\": " + error.getMessage());
      }
    });
  }

  private void chaos(String failure) {
    if (run.isFinishing()) {
      return;
    }
    long now = core.clock().nowMillis();
    core.statsEngine().logResponse(NearCacheDsl.SCENARIO, noGroups(), NearCacheDsl.CHAOS, now, now,
        failure == null ? OK$.MODULE$ : KO$.MODULE$, Option.empty(), Option.apply(failure));
  }

  /**
   * One measurement as a pseudo-request whose response time is {@code valueNanos} rounded up to
   * whole milliseconds (negative values read 0): "at most N ms" gates then hold exactly.
   */
  void log(String name, long valueNanos) {
    if (run.isFinishing()) {
      return;
    }
    long end = core.clock().nowMillis();
    long millis = Math.max(0, (valueNanos + 999_999) / 1_000_000);
    core.statsEngine().logResponse(NearCacheDsl.SCENARIO, noGroups(), name, end - millis, end, OK$.MODULE$,
        Option.empty(), Option.empty());
  }

  /**
   * The run's hit ratio so far as a pseudo-request whose response time is the ratio in per mille
   * (902 ms reads 90.2%): logged by each user as it finishes, so one record per user, not per
   * read, carries the hit-ratio gate.
   */
  void hitRatio() {
    run.loadEnding(); // a user is done: held stale reads get their verdicts while Gatling still listens
    long perMille = Math.round(run.recorder().hitRatio() * 1000);
    long end = core.clock().nowMillis();
    core.statsEngine().logResponse(NearCacheDsl.SCENARIO, noGroups(), NearCacheDsl.HIT_RATIO, end - perMille, end,
        OK$.MODULE$, Option.empty(), Option.empty());
  }
}

package io.tracklab.simulations.protocol;

import io.gatling.core.CoreComponents;
import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.simulations.run.TracklabRun;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measurements that are not requests, logged as if they were so Gatling's report shows them: a
 * pseudo-request's response time is the measured value (whole milliseconds, Gatling's
 * resolution; result.json keeps microseconds), sampled like the operations. And the gates: when
 * the last user finishes, one {@code gate: <name>} record per gate, OK or KO by result.json's own
 * verdict, which Gatling's assertions read (so both say the same, from full-resolution figures).
 *
 * <p>Nothing is logged before the first action runs or after the run began finishing: the stats
 * engine only accepts records while the run is on, and a record outside it corrupts simulation.log.
 */
final class PseudoRequests {
  private final CoreComponents core;
  private final TracklabRun run;
  private final ReportRecords records;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicInteger usersFinished = new AtomicInteger();

  PseudoRequests(TracklabRun run, CoreComponents core, ReportRecords records) {
    this.run = run;
    this.core = core;
    this.records = records;
  }

  /** Called by every action before it logs anything; the first call opens the pseudo-requests. */
  void ensureStarted() {
    if (started.get() || !started.compareAndSet(false, true)) {
      return;
    }
    long now = core.clock().nowMillis();
    records.always(NearCacheDsl.SCENARIO, ReportRecords.label(run.reportRecordsPerSecond()), now, now, null);
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
    records.always(NearCacheDsl.SCENARIO, NearCacheDsl.CHAOS, now, now, failure);
  }

  /**
   * One measurement as a pseudo-request whose response time is {@code valueNanos} rounded up to
   * whole milliseconds (negative values read 0), if its budget lets it.
   */
  void log(String name, long valueNanos) {
    if (run.isFinishing()) {
      return;
    }
    long end = core.clock().nowMillis();
    long millis = Math.max(0, (valueNanos + 999_999) / 1_000_000);
    records.log(NearCacheDsl.SCENARIO, name, end - millis, end, System.nanoTime(), null);
  }

  /**
   * A user finished its operations. The first: held stale reads get their verdicts while Gatling
   * still listens. The last: the load is over, the gates are judged and logged.
   */
  void userFinished() {
    run.loadEnding();
    if (usersFinished.incrementAndGet() != run.settings().users() || run.isFinishing()) {
      return;
    }
    long now = core.clock().nowMillis();
    java.util.List<GateVerdict> verdicts;
    try {
      verdicts = run.judgeGates();
    } catch (RuntimeException e) {
      // no gate record: every gate assertion fails, and this says why
      System.out.println("tracklab: judging the gates failed: " + e);
      throw e;
    }
    for (GateVerdict gate : verdicts) {
      records.always(NearCacheDsl.SCENARIO, NearCacheDsl.GATE + gate.name(), now, now, gate.passed() ? null
          : "measured " + GateVerdict.format(gate.measured()) + ", allowed " + gate.comparison() + " "
              + GateVerdict.format(gate.threshold()) + " (" + gate.metric() + ")");
    }
  }
}

package io.tracklab.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;

import io.gatling.javaapi.core.Assertion;
import io.tracklab.simulations.protocol.NearCacheDsl;
import io.tracklab.simulations.settings.GateSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation's gates as Gatling assertions: a violated one fails {@code gatling:test}, and
 * Gatling's message names the request (the gate), the threshold and the measured value, e.g.
 * {@code staleness: max of response time is less than or equal to 550.0 : false (actual : 1203.0)}.
 * Every gate is on {@code details(...)}, never on global figures, which pseudo-requests pollute.
 */
public final class Gates {
  private Gates() {}

  /** @param chaos whether the run has faults: then every fault step must succeed */
  public static List<Assertion> of(GateSettings gates, boolean chaos) {
    List<Assertion> assertions = new ArrayList<>();
    assertions.add(details(NearCacheDsl.OPERATIONS).failedRequests().percent().lte(gates.failedPercent()));
    assertions.add(details(NearCacheDsl.OPERATIONS, NearCacheDsl.GET_REMOTE).responseTime().percentile(99)
        .lte(millis(gates.remoteP99().toNanos())));
    assertions.add(details(NearCacheDsl.STALENESS).responseTime().max().lte(millis(gates.staleBound().toNanos())));
    assertions.add(details(NearCacheDsl.INVALIDATION_DELAY).responseTime().percentile(99)
        .lte(millis(gates.invalidationP99().toNanos())));
    if (gates.hitRatio() > 0) {
      assertions.add(details(NearCacheDsl.HIT_RATIO).responseTime().min().gte((int) Math.ceil(gates.hitRatio() * 1000)));
    }
    if (chaos) {
      assertions.add(details(NearCacheDsl.CHAOS).failedRequests().count().is(0L));
    }
    return assertions;
  }

  /** Whole milliseconds, rounded down: pseudo-requests round up, so value ≤ threshold stays exact. */
  private static int millis(long nanos) {
    return (int) Math.min(Integer.MAX_VALUE, nanos / 1_000_000);
  }
}

package io.tracklab.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;

import io.gatling.javaapi.core.Assertion;
import io.tracklab.simulations.protocol.NearCacheDsl;
import io.tracklab.simulations.run.ResultGates;
import io.tracklab.simulations.settings.GateSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulation's gates as Gatling assertions: a violated one fails {@code gatling:test}. Each
 * reads the {@code gate: <name>} record the run logs when its last user finishes, OK or KO by
 * result.json's own verdict on full-resolution figures, so Gatling and result.json never
 * disagree, and Gatling's message names the gate ({@code gate: remote read p99: count of failed
 * events is 0.0 : false}); the record's message and the {@code tracklab gate FAIL} line give the
 * measured value and the threshold. A run whose users did not all finish logs no gate record and
 * fails every gate.
 */
public final class Gates {
  private Gates() {}

  /** @param chaos whether the run has faults: then every fault step must succeed */
  public static List<Assertion> of(GateSettings gates, boolean chaos) {
    List<Assertion> assertions = new ArrayList<>();
    for (String gate : ResultGates.names(gates)) {
      assertions.add(details(NearCacheDsl.GATE + gate).failedRequests().count().is(0L));
    }
    if (chaos) {
      assertions.add(details(NearCacheDsl.CHAOS).failedRequests().count().is(0L));
    }
    return assertions;
  }
}

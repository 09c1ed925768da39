package io.tracklab.simulations.run;

import io.tracklab.harness.coordination.ClockEstimate;
import io.tracklab.harness.coordination.CommonClock;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.result.InjectorClock;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.topologies.Topology;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One injector's part in a distributed run (docs/distributed.md): the common clock it shares with
 * the others, the exchange of acknowledgements that judges reads across injectors, and the wait
 * for the controller's go.
 */
final class InjectorSync implements AutoCloseable {
  /** Probes of the common clock per probing: enough that one round trip is undisturbed. */
  private static final int CLOCK_PROBES = 50;

  private final InjectorRole injector;
  private final CommonClock clock;
  /** Null for an injector alone, or one without a relay. */
  private final AckExchange exchange;

  private InjectorSync(InjectorRole injector, CommonClock clock, AckExchange exchange) {
    this.injector = injector;
    this.clock = clock;
    this.exchange = exchange;
  }

  /** Probes the common clock and, among several injectors, starts exchanging acknowledgements. */
  static InjectorSync connect(InjectorRole injector, Topology topology, RunRecorder recorder, int users) {
    CommonClock clock = CommonClock.probe(primaryTime(topology), CLOCK_PROBES);
    ClockEstimate before = clock.first();
    System.out.printf("tracklab: %s clock: the primary's TIME is %+,d µs from this machine's (± %d µs, best of %d probes)%n",
        injector.name(), before.wallOffsetMicros(), before.uncertaintyMicros(), before.probes());
    KeySlice slice = injector.slice();
    System.out.printf("tracklab: %s ready (writes keys %s, %d users); waiting for the controller's go%n",
        injector.name(), slice.count() == 1 ? "all" : "k % " + slice.count() + " == " + slice.index(), users);
    AckExchange exchange = null;
    if (injector.relay() != null && slice.count() > 1) {
      // from the first write of the load on; the preload's version 1 needs no acknowledgement elsewhere
      exchange = new AckExchange(injector.name(), slice.count(), recorder, clock, injector.relay());
    }
    return new InjectorSync(injector, clock, exchange);
  }

  /** Returns at the controller's go; throws when it aborts or never says it. */
  void awaitGo() {
    injector.barrier().readyAndAwaitGo();
  }

  /** A last exchange at the load's end: what the others acknowledged up to now judges what it can. */
  @Override
  public void close() {
    if (exchange != null) {
      exchange.close();
    }
  }

  /** This injector's clock before, during and after its load, as result.json states it. */
  Map<String, InjectorClock> clocks() {
    try {
      clock.reprobe();
    } catch (RuntimeException e) {
      // a primary that moved or stopped answering must not cost the result
      System.out.println("tracklab: the clock could not be probed again after the load: " + e.getMessage());
    }
    return Map.of(injector.name(), clock.summary());
  }

  /**
   * The common clock: the {@code TIME} of the node that is primary before the load (one node
   * throughout: another machine's clock would be another clock), on the admin connection straight
   * to it (no proxy, so no fault of the run distorts it).
   */
  private static LongSupplier primaryTime(Topology topology) {
    var admin = topology.admin(topology.currentPrimary(0).name());
    return () -> {
      List<String> time = admin.time();
      return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    };
  }
}

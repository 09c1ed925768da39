package io.tracklab.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheDelete;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheGet;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheMget;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheSet;
import static io.tracklab.simulations.protocol.NearCacheDsl.nearCache;
import static io.tracklab.simulations.protocol.NearCacheDsl.userFinished;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Choice;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.config.DurationText;
import io.tracklab.simulations.protocol.NearCacheDsl;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.run.TracklabRun;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.simulations.settings.SecuritySettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

/**
 * What every tracklab simulation is: virtual users reading and writing the workload's keys
 * through the near-cache protocol for the run's duration, a fault schedule on the timeline, and
 * the gates as assertions. A simulation only states its defaults; system properties override
 * them ({@link RunSettings}, {@link GateSettings}, {@code -Dfaults="at 5s for 5s: latency 50ms
 * on primary; ..."} or {@code -Dfaults=none}).
 *
 * <p>The topology starts in {@code before()} (Gatling builds the scenario only after it) and
 * stops in {@code after()}, or at JVM exit when the run is cut short.
 */
public abstract class TracklabSimulation extends Simulation {
  /** How long the throttle outlasts the users' loops (see {@link #declareLoad}). */
  private static final Duration THROTTLE_MARGIN = Duration.ofMinutes(1);

  private final RunPlan plan;
  private final RunSettings settings;
  /** Why the client cannot run the topology, or null. */
  private final String unsupported;
  /** Started by before(), on a Gatling thread; read by the protocol when Gatling builds the scenario. */
  private volatile TracklabRun run;

  /**
   * @param defaultFaults the simulation's fault schedule for the run's topology (DESIGN.md 5
   *     lines), "" for none; throw {@link IllegalArgumentException} for a topology it cannot run on
   */
  protected TracklabSimulation(RunSettings runDefaults, GateSettings gateDefaults,
      Function<TopologyKind, String> defaultFaults) {
    this.plan = planFromProperties(System.getProperties(), runDefaults, gateDefaults, defaultFaults);
    this.settings = plan.settings();
    this.unsupported = TracklabRun.unsupported(plan).orElse(null);
    declareLoad();
  }

  private RunPlan planFromProperties(Properties properties, RunSettings runDefaults, GateSettings gateDefaults,
      Function<TopologyKind, String> defaultFaults) {
    String injectors = properties.getProperty("injectors");
    if (injectors != null && !injectors.trim().equals("1")) {
      // the injectors' entry point is the command line's (reports), which this module cannot reach
      throw new IllegalArgumentException("-Dinjectors=" + injectors.trim() + ": mvn gatling:test runs one JVM, one "
          + "application instance; a distributed run starts from the command line: bin/tracklab run <experiment> "
          + "--injectors " + injectors.trim() + " (docs/distributed.md)");
    }
    RunSettings settings = RunSettings.from(properties, runDefaults);
    String faultText = properties.getProperty("faults");
    FaultSchedule faults = faultText == null
        ? FaultSchedule.parse(getClass().getSimpleName(), defaultFaults.apply(settings.topology()))
        : faultText.trim().equalsIgnoreCase("none") ? FaultSchedule.NONE : FaultSchedule.parse("-Dfaults", faultText);
    GateSettings gates = GateSettings.from(properties,
        gateDefaults.withStaleBound(gateDefaults.staleBound().plus(faults.largestInjectedLatency())));
    if (faults.lastChange().compareTo(settings.duration()) >= 0) {
      throw new IllegalArgumentException("-Dduration=" + DurationText.format(settings.duration())
          + " ends before the fault schedule's last step at " + DurationText.format(faults.lastChange())
          + ": run longer, or move the faults (-Dfaults)");
    }
    return new RunPlan(getClass().getSimpleName(), null, settings, gates, faults, SecuritySettings.from(properties));
  }

  /** A simulation of a plan made elsewhere (an experiment file). */
  protected TracklabSimulation(RunPlan plan) {
    this.plan = plan;
    this.settings = plan.settings();
    this.unsupported = TracklabRun.unsupported(plan).orElse(null);
    declareLoad();
  }

  /** The workload as Gatling's injection profile, throttle and assertions. */
  private void declareLoad() {
    if (unsupported != null) {
      // nothing to measure: one user that says why, so Gatling has a scenario and a report; it
      // lingers a second because Gatling refuses to report a run that took no time ("didn't last")
      setUp(scenario(NearCacheDsl.SCENARIO).exec(NearCacheDsl.unsupportedClient(unsupported))
          .pause(Duration.ofSeconds(1)).injectOpen(atOnceUsers(1)));
      return;
    }
    GateSettings gates = plan.gates();
    FaultSchedule faults = plan.faults();
    System.out.printf("tracklab: %s: %s%n  gates: %s%n  faults: %s%n", plan.name(), settings.describe(),
        gates.describe(), faults.isEmpty() ? "none" : String.join("; ", faults.faults().stream()
            .map(ScheduledFault::text).toList()));

    // every user at once, each looping for the duration: no user is replaced when it finishes (a
    // closed injection replaces one that ends a hair before the injection does, and that one
    // never finishes), so the last of them to finish has the gates judged (PseudoRequests)
    SetUp setUp = setUp(operations().injectOpen(atOnceUsers(settings.users())))
        .protocols(nearCache(() -> run)) // the run before() starts: the actions find it in the protocol
        .assertions(Gates.of(gates, !faults.isEmpty()));
    if (settings.rate() > 0) {
      // throttling caps the rate (it needs enough users to reach it); its end stops the simulation, users or not: it outlasts them
      // (the simulation ends when the last user finishes), so none is cut off before it finishes
      setUp.throttle(reachRps((int) settings.rate()).in(Duration.ofSeconds(1)),
          holdFor(settings.duration().plus(THROTTLE_MARGIN)));
    }
  }

  /** Reads and writes in the workload's ratio (and mix), back to back, for the run's duration. */
  private ScenarioBuilder operations() {
    OperationMix mix = settings.mix();
    double reads = settings.readRatio() * 100;
    List<Choice.WithWeight> choices = new ArrayList<>();
    addChoice(choices, reads * (1 - mix.mgetRatio()), cacheGet());
    addChoice(choices, reads * mix.mgetRatio(), cacheMget(mix.mgetSize()));
    addChoice(choices, (100 - reads) * (1 - mix.deleteRatio()), cacheSet());
    addChoice(choices, (100 - reads) * mix.deleteRatio(), cacheDelete());
    // a stop request (Ctrl-C on the command line) ends the load within one operation per user
    return scenario(NearCacheDsl.SCENARIO).during(settings.duration()).on(
        randomSwitch().on(choices),
        stopLoadGeneratorIf("stop requested", session -> TracklabRun.stopRequested()))
        .exec(userFinished());
  }

  private static void addChoice(List<Choice.WithWeight> choices, double percent, ActionBuilder action) {
    if (percent > 0) {
      choices.add(percent(percent).then(exec(action)));
    }
  }

  @Override
  public void before() {
    if (unsupported != null) {
      TracklabRun.recordUnsupported(plan, unsupported);
      return;
    }
    run = TracklabRun.start(plan);
  }

  @Override
  public void after() {
    if (run != null) {
      run.finish(TracklabRun.stopRequested());
    }
  }
}

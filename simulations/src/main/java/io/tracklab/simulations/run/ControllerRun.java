package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.ChaosController;
import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.chaos.FlushFault;
import io.tracklab.harness.chaos.SwapDbFault;
import io.tracklab.harness.probe.CheckerConfig;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.provisioning.Provisioners;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.external.ExternalTopologyDescription;
import java.util.List;

/**
 * The controller's part of a distributed run (docs/distributed.md): the topology (provisioned,
 * or the external one), handed to the injectors as an external topology file; the fault timeline,
 * started at go and applied once, whatever the number of injectors; every fault healed and the
 * topology stopped at {@link #close}, also after a failure. The injectors do the rest.
 */
public final class ControllerRun implements AutoCloseable {
  private final RunPlan plan;
  private final Provisioner provisioner;
  private final Topology topology;
  private final RunRecorder faultLog;
  private final ChaosController chaos;
  private final InjectorLinks links;

  /**
   * Provisions the topology and checks the fault timeline against it, before any injector exists.
   *
   * @param injectors how many injectors the run has (a fault {@code via} one names one of them)
   * @throws IllegalArgumentException for what a distributed run cannot do (yet): a secured
   *     topology, a SWAPDB (its check needs every writer fenced, and writers are in other processes),
   *     a fault via an injector the run does not have
   */
  public ControllerRun(RunPlan plan, int injectors) {
    this.plan = plan;
    List<String> unknownLinks = InjectorLinks.problems(plan.faults(), injectors);
    if (!unknownLinks.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", unknownLinks));
    }
    for (ScheduledFault fault : plan.faults().faults()) {
      if (fault.fault() instanceof SwapDbFault || fault.fault() instanceof FlushFault) {
        throw new IllegalArgumentException("\"" + fault.text() + "\": a distributed run cannot judge reads across a "
            + fault.fault().kind().toUpperCase(java.util.Locale.ROOT) + " yet (its writers are in other processes, and the "
            + "change must be fenced with every one of them)");
      }
    }
    if (plan.security().secured()) {
      throw new IllegalArgumentException("a distributed run cannot hand a secured topology (" + plan.security().label()
          + ") to its injectors yet: leave out --auth/--tls and the experiment's security block");
    }
    Provisioners.Choice choice = Provisioners.choose();
    this.provisioner = choice.provisioner();
    if (provisioner instanceof ExternalProvisioner external) {
      List<String> refused = ExternalFaultPolicy.problems(external.spec(), plan.faults());
      if (!refused.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", refused));
      }
    }
    System.out.printf("tracklab controller: starting a %s topology (%s provisioner)%s%n", plan.settings().topology(),
        provisioner.name(), choice.why().isEmpty() ? "" : " (" + choice.why() + ")");
    this.topology = provisioner.start(plan.settings().topology(), plan.security());
    InjectorLinks made = null;
    try {
      System.out.printf("tracklab controller: topology ready in %d ms: %s%n", topology.startupTime().toMillis(),
          topology.clientUris());
      ExternalTopologyDescription.yaml(topology); // refuses what cannot be handed over, before any link is made
      made = InjectorLinks.create(topology, plan.faults());
      this.links = made;
      // the controller's recorder sees no read or write: it only keeps the faults' marks
      this.faultLog = new RunRecorder(TracklabRun.workloadOf(plan.settings()),
          new CheckerConfig(1, 0, plan.gates().staleBound()), 1, System.nanoTime());
      this.chaos = new ChaosController(new TopologyChaosTarget(topology, TopologyChaosTarget.KeyspaceChanges.UNOBSERVED,
          links), plan.faults(), faultLog);
      if (!plan.faults().isEmpty()) {
        System.out.println("tracklab controller: fault targets, resolved before the load:");
        FaultTargets.describe(topology, plan.faults()).forEach(line -> System.out.println("  " + line));
        links.describe().forEach(line -> System.out.println("  " + line));
      }
    } catch (RuntimeException e) {
      if (made != null) {
        made.close(); // an external topology's Toxiproxy server outlives the run: leave no link on it
      }
      topology.close();
      throw e;
    }
  }

  /** The topology as an external topology file, for {@code injector}: through its own links where it has them. */
  public String topologyYaml(String injector) {
    return ExternalTopologyDescription.yaml(topology, links.of(injector));
  }

  public String provisionerName() {
    return provisioner.name();
  }

  /** The load starts now (every injector said ready and was told go): the timeline's zero. */
  public void loadStarted() {
    chaos.start(System.nanoTime(), ChaosListener.PRINTING);
  }

  /** The faults active now, for progress lines. */
  public List<String> activeFaults() {
    return chaos.activeFaults();
  }

  /** Heals every fault still active (the run ended, or failed): idempotent. */
  public void healAll() {
    chaos.close();
  }

  /** Every fault injected so far, with its times: the merged result's faults. */
  public List<FaultRecord> faultRecords() {
    return faultLog.toResult(plan.name(), 0, System.nanoTime(), topology.kind().label(), provisioner.name(),
        plan.settings().client(), List.of(), false, null, null).run().faults();
  }

  /** Steps of the timeline that failed (the run's gates fail with them, as a single run's do). */
  public List<String> faultFailures() {
    return chaos.failures();
  }

  @Override
  public void close() {
    try {
      chaos.close();
    } finally {
      try {
        links.close();
      } finally {
        topology.close();
      }
    }
  }
}

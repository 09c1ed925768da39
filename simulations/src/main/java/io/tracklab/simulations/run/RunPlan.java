package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.config.DurationText;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.security.TopologySecurity;
import java.util.Objects;

/**
 * Everything one run needs to know before it starts: what to call it, the workload, the gates
 * and the fault timeline. A simulation builds one from its defaults and system properties; the
 * {@code tracklab} command line builds one from an experiment file.
 *
 * @param name what the run is called in its result ({@code ReadHeavySimulation}, an experiment's
 *     name); the run id is the name and the start time
 * @param runId the id to use, or null to make one from the name and the start time
 * @param security how the topology is secured (passwords, ACL users, TLS)
 * @param injector this run's role as one injector of a distributed run; null for a run of its own
 */
public record RunPlan(String name, String runId, RunSettings settings, GateSettings gates, FaultSchedule faults,
    TopologySecurity security, InjectorRole injector) {
  public RunPlan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(gates, "gates");
    Objects.requireNonNull(faults, "faults");
    if (faults.lastChange().compareTo(settings.duration()) >= 0) {
      throw new IllegalArgumentException("the run's duration " + DurationText.format(settings.duration())
          + " ends before the fault schedule's last step at " + DurationText.format(faults.lastChange())
          + ": run longer, or move the faults");
    }
  }

  /** A run of its own (not an injector of a distributed run). */
  public RunPlan(String name, String runId, RunSettings settings, GateSettings gates, FaultSchedule faults,
      TopologySecurity security) {
    this(name, runId, settings, gates, faults, security, null);
  }

  /** A plan on a topology without passwords or TLS. */
  public RunPlan(String name, String runId, RunSettings settings, GateSettings gates, FaultSchedule faults) {
    this(name, runId, settings, gates, faults, TopologySecurity.NONE);
  }

  /** A run's id: {@code <name>-<yyyyMMdd-HHmmss>} of its start (a results directory's name). */
  public static String runId(String name, java.time.LocalDateTime start) {
    return name + "-" + start.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** The same plan with another client, under another name (a cell of a comparison matrix). */
  public RunPlan withClient(String client, String newName) {
    return new RunPlan(newName, runId, settings.withClient(client), gates, faults, security, injector);
  }

  /** The same plan at another rate (operations a second; 0: as fast as the users go). */
  public RunPlan withRate(double rate) {
    return new RunPlan(name, runId, settings.withRate(rate), gates, faults, security, injector);
  }

  /** The same plan with another fault timeline (a soak's generated one). */
  public RunPlan withFaults(FaultSchedule other) {
    return new RunPlan(name, runId, settings, gates, other, security, injector);
  }

  /** The same plan on a topology secured otherwise. */
  public RunPlan withSecurity(TopologySecurity other) {
    return new RunPlan(name, runId, settings, gates, faults, other, injector);
  }

  /** The same plan under another run id (results land in a directory of that name). */
  public RunPlan withRunId(String id) {
    return new RunPlan(name, id, settings, gates, faults, security, injector);
  }

  /**
   * This plan as injector {@code role} of a distributed run: its share of the users (at least
   * one) and of the rate, no faults (the controller's), its results named for it.
   */
  public RunPlan asInjector(InjectorRole role) {
    int count = role.slice().count();
    int index = role.slice().index();
    int users = Math.max(1, settings.users() / count + (index < settings.users() % count ? 1 : 0));
    RunSettings share = settings.withUsers(users).withRate(settings.rate() / count);
    return new RunPlan(name, role.name(), share, gates, FaultSchedule.NONE, security, role);
  }
}

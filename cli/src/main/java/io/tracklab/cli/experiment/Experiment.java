package io.tracklab.cli.experiment;

import io.tracklab.simulations.run.RunPlan;
import java.nio.file.Path;

/**
 * An experiment read from its file: topology, client, workload, fault timeline and gates, as the
 * plan of one run.
 *
 * @param source where it was read from (a path, or {@code experiments/<name>.yaml} in the jar)
 * @param description what it shows, for people ({@code tracklab list}); may be empty
 * @param injectors how many application instances run it: 1 (this JVM), or a distributed run's
 *     injector count (docs/distributed.md)
 */
public record Experiment(Path source, String description, RunPlan plan, int injectors) {
  /** An experiment run by one JVM. */
  public Experiment(Path source, String description, RunPlan plan) {
    this(source, description, plan, 1);
  }

  /** The same experiment with another plan (a matrix cell, a soak's faults, an injector's share). */
  public Experiment withPlan(RunPlan other) {
    return new Experiment(source, description, other, injectors);
  }

  public String name() {
    return plan.name();
  }
}

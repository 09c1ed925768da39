package io.tracklab.reports.experiment;

import io.tracklab.simulations.run.RunPlan;
import java.nio.file.Path;

/**
 * An experiment read from its file: topology, client, workload, fault timeline and gates, as the
 * plan of one run.
 *
 * @param source where it was read from (a path, or {@code experiments/<name>.yaml} in the jar)
 * @param description what it shows, for people ({@code tracklab list}); may be empty
 */
public record Experiment(Path source, String description, RunPlan plan) {
  public String name() {
    return plan.name();
  }
}

package io.tracklab.simulations;

import io.tracklab.simulations.run.RunPlan;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simulation the {@code tracklab} command line runs: whatever plan an experiment file made.
 * Gatling creates simulations by class name with no arguments, so the plan is handed over
 * through {@link #prepare}, once per Gatling run, by whoever then starts Gatling in this JVM.
 */
public final class ExperimentSimulation extends TracklabSimulation {
  private static final AtomicReference<RunPlan> NEXT = new AtomicReference<>();

  public ExperimentSimulation() {
    super(take());
  }

  /** The plan the next {@code ExperimentSimulation} Gatling creates will run. */
  public static void prepare(RunPlan plan) {
    NEXT.set(plan);
  }

  private static RunPlan take() {
    RunPlan plan = NEXT.getAndSet(null);
    if (plan == null) {
      throw new IllegalStateException("ExperimentSimulation runs experiment files: start it with "
          + "`tracklab run <experiment.yaml>`, not on its own");
    }
    return plan;
  }
}

package io.tracklab.simulations.run;

import io.tracklab.harness.probe.RunRecorder;
import java.time.Duration;
import java.util.List;

/**
 * A run's figures at one moment, for people watching it.
 *
 * @param elapsed time since the load started (zero before)
 * @param activeFaults the faults injected and not healed, as the schedule writes them
 */
public record RunProgress(String runId, Duration elapsed, Duration duration, RunRecorder.Progress counts,
    List<String> activeFaults) {
  public RunProgress {
    activeFaults = List.copyOf(activeFaults);
  }
}

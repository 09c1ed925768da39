package io.tracklab.harness.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A run's faults on a timeline, read from text: one {@link FaultLine} per line (or separated by
 * {@code ;} on a command line), {@code #} comments, blank lines ignored. Errors name the source,
 * the line number and the line.
 */
public record FaultSchedule(List<ScheduledFault> faults) {
  public static final FaultSchedule NONE = new FaultSchedule(List.of());

  public FaultSchedule {
    faults = faults.stream().sorted(Comparator.comparing(ScheduledFault::at)).toList();
  }

  /**
   * @param source where the text came from ({@code experiments/failover.chaos}, {@code -Dfaults})
   */
  public static FaultSchedule parse(String source, String text) {
    List<ScheduledFault> faults = new ArrayList<>();
    String[] lines = text.split("\\R|;", -1);
    for (int index = 0; index < lines.length; index++) {
      String line = lines[index].replaceAll("#.*", "").replaceAll("\\([^)]*\\)", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      try {
        faults.add(FaultLine.parse(line));
      } catch (IllegalArgumentException e) {
        throw new FaultScheduleException(source + (lines.length > 1 ? " line " + (index + 1) : "")
            + ": \"" + lines[index].trim() + "\": " + e.getMessage());
      }
    }
    return new FaultSchedule(faults);
  }

  /**
   * One schedule line on its own (comments and parenthesised notes ignored).
   *
   * @throws IllegalArgumentException saying what is wrong with it, without the line itself
   */
  public static ScheduledFault parseLine(String line) {
    String text = line.replaceAll("#.*", "").replaceAll("\\([^)]*\\)", "").trim();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("expected \"at <time> [for <duration>]: <fault>\"");
    }
    return FaultLine.parse(text);
  }

  public boolean isEmpty() {
    return faults.isEmpty();
  }

  /**
   * The end of the last fault with an end; a schedule whose faults all end before a run does
   * leaves the tail of the run to show recovery.
   */
  public Duration lastChange() {
    Duration last = Duration.ZERO;
    for (ScheduledFault fault : faults) {
      Duration end = fault.healsAt() == null ? fault.at() : fault.healsAt();
      last = end.compareTo(last) > 0 ? end : last;
    }
    return last;
  }

  /**
   * The largest one-way latency the schedule injects (latency plus jitter): stale reads may be
   * that much older than the bound without it, so a run's default bound grows by this much.
   */
  public Duration largestInjectedLatency() {
    Duration most = Duration.ZERO;
    for (ScheduledFault scheduled : faults) {
      if (scheduled.fault() instanceof ToxicFault toxic && toxic.kind().equals("latency")) {
        Duration latency = toxic.amount().plus(toxic.jitter());
        most = latency.compareTo(most) > 0 ? latency : most;
      }
    }
    return most;
  }

  /** Every node the schedule names (not {@code current-primary}), to check against a topology before the run. */
  public List<String> namedNodes() {
    List<String> nodes = new ArrayList<>();
    for (ScheduledFault scheduled : faults) {
      Fault fault = scheduled.fault();
      if (fault.target() != null && !fault.target().equals(FaultLine.CURRENT_PRIMARY)) {
        nodes.add(fault.target());
      }
      if (fault instanceof SlotMigrationFault migration && migration.to() != null) {
        nodes.add(migration.to());
      }
    }
    return nodes;
  }
}

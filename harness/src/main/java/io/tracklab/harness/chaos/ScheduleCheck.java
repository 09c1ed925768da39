package io.tracklab.harness.chaos;

import io.tracklab.harness.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a fault timeline against a topology and a run length before anything starts: faults
 * needing another kind of topology, nodes the topology does not have, faults starting or healing
 * after the run ends, and faults on one node that cannot be active together.
 *
 * <p>Which faults cannot coexist: two process faults (kill, pause) on one node — the second would
 * act on a stopped process and the first heal would restart or resume it under the other — and
 * two {@code disable}s of one proxy, since the first heal re-enables it for both, and two settings
 * of one node's {@code tracking-table-max-keys}, since the first heal puts the old value back. Toxics can
 * overlap (each has its own name and Toxiproxy chains them), and failovers and migrations are
 * instants. {@code current-primary} is resolved when a fault fires, so it only conflicts with
 * itself.
 */
public final class ScheduleCheck {
  private static final Set<String> PROCESS = Set.of("kill", "pause");
  private static final Set<String> PROXY_STATE = Set.of("disable");
  private static final Set<String> NODE_SETTING = Set.of(TrackingTableFault.PARAMETER);

  /** A problem with the fault at {@code index} of the list checked. */
  public record Problem(int index, String message) {}

  private ScheduleCheck() {}

  /**
   * @param faults in the order written; problems refer to them by index
   * @param topology the topology kind's label ({@code standalone}...)
   * @param nodes the topology's node names
   */
  public static List<Problem> check(List<ScheduledFault> faults, String topology, List<String> nodes,
      Duration runDuration) {
    List<Problem> problems = new ArrayList<>();
    for (int index = 0; index < faults.size(); index++) {
      ScheduledFault scheduled = faults.get(index);
      Fault fault = scheduled.fault();
      String unsupported = fault.unsupportedOn(topology);
      if (unsupported != null) {
        problems.add(new Problem(index, unsupported));
      }
      for (String node : named(fault)) {
        if (!nodes.contains(node)) {
          problems.add(new Problem(index, "no node \"" + node + "\" in a " + topology + " topology; its nodes are "
              + String.join(", ", nodes) + (fault.target() != null && fault.target().equals(node)
                  ? ", or " + FaultLine.CURRENT_PRIMARY : "")));
        }
      }
      if (scheduled.at().compareTo(runDuration) >= 0) {
        problems.add(new Problem(index, "starts at " + DurationText.format(scheduled.at())
            + ", not before the end of the run at " + DurationText.format(runDuration)));
      } else if (scheduled.healsAt() != null && scheduled.healsAt().compareTo(runDuration) >= 0) {
        problems.add(new Problem(index, "heals at " + DurationText.format(scheduled.healsAt())
            + ", not before the end of the run at " + DurationText.format(runDuration)
            + " (leave \"for\" out to last until the end)"));
      }
      for (int earlier = 0; earlier < index; earlier++) {
        String conflict = conflict(faults.get(earlier), scheduled, runDuration);
        if (conflict != null) {
          problems.add(new Problem(index, "overlaps \"" + faults.get(earlier).text() + "\" on "
              + fault.target() + ": " + conflict));
        }
      }
    }
    return problems;
  }

  private static List<String> named(Fault fault) {
    List<String> names = new ArrayList<>();
    if (fault.target() != null && !fault.target().equals(FaultLine.CURRENT_PRIMARY)) {
      names.add(fault.target());
    }
    if (fault instanceof SlotMigrationFault migration && migration.to() != null) {
      names.add(migration.to());
    }
    return names;
  }

  /** Why {@code a} and {@code b} cannot be active together, or null when they can (or never are). */
  private static String conflict(ScheduledFault a, ScheduledFault b, Duration runDuration) {
    Fault first = a.fault();
    Fault second = b.fault();
    if (first.target() == null || !first.target().equals(second.target())) {
      return null;
    }
    boolean processes = PROCESS.contains(first.kind()) && PROCESS.contains(second.kind());
    boolean proxyStates = PROXY_STATE.contains(first.kind()) && PROXY_STATE.contains(second.kind());
    boolean settings = NODE_SETTING.contains(first.kind()) && first.kind().equals(second.kind());
    if (!processes && !proxyStates && !settings) {
      return null;
    }
    Duration aEnd = a.healsAt() == null ? runDuration : a.healsAt();
    Duration bEnd = b.healsAt() == null ? runDuration : b.healsAt();
    if (a.at().compareTo(bEnd) >= 0 || b.at().compareTo(aEnd) >= 0) {
      return null;
    }
    if (settings) {
      return "a node's " + first.kind() + " cannot be set twice at once (the first heal would put the old value back "
          + "under the other)";
    }
    return processes
        ? "a node's process cannot be killed or paused twice at once (the first heal would restart or resume it under the other)"
        : "a proxy cannot be disabled twice at once (the first heal would enable it for both)";
  }
}

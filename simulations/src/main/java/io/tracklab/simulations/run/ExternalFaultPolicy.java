package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.FailoverFault;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.topologies.external.ExternalTopologySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run may do to an external topology, someone else's Redis: nothing, unless its file says
 * {@code allowFaults: true}; and then faults through the proxies (toxics, disable), and the
 * failovers and SWAPDB (Redis commands) only when the file also says {@code allowNodeFaults: true}.
 * Killing, pausing and migrating slots are never allowed: tracklab does not own those processes
 * or that data. Checked before anything starts, by the command line when it validates and by
 * every run before its topology starts.
 */
public final class ExternalFaultPolicy {
  private ExternalFaultPolicy() {}

  /** Why {@code faults} may not run on {@code spec}'s topology, one message per reason; empty when they may. */
  public static List<String> problems(ExternalTopologySpec spec, FaultSchedule faults) {
    List<String> problems = new ArrayList<>();
    if (faults.isEmpty()) {
      return problems;
    }
    if (!spec.allowFaults()) {
      problems.add(spec.file() + ": allowFaults: " + notAllowed(faults));
    }
    for (ScheduledFault fault : faults.faults()) {
      if (fault.fault().throughProxy()) {
        continue;
      }
      if (!byCommand(fault)) {
        problems.add("\"" + fault.text() + "\": " + notThroughProxy(fault, spec));
      } else if (!spec.allowNodeFaults()) {
        problems.add(spec.file() + ": allowNodeFaults: " + nodeFaultsNotAllowed(fault));
      }
    }
    return problems;
  }

  /** A fault on the nodes that is a Redis command (a failover, SWAPDB), not a process operation. */
  public static boolean byCommand(ScheduledFault fault) {
    return fault.fault().byRedisCommand();
  }

  /** What is wrong when a failover is scheduled and the topology file does not allow node faults. */
  public static String nodeFaultsNotAllowed(ScheduledFault fault) {
    String what = fault.fault() instanceof FailoverFault ? "a failover" : fault.fault().kind();
    return "is not true, so \"" + fault.text() + "\" is refused: " + what + " acts on the nodes themselves; "
        + "add allowNodeFaults: true to the file (with allowFaults: true) to allow it";
  }

  /** What is wrong when the topology file does not allow faults. */
  public static String notAllowed(FaultSchedule faults) {
    return "is not true, so faults on this external topology are refused (" + faults.faults().size()
        + (faults.faults().size() == 1 ? " is" : " are") + " scheduled, the first \"" + faults.faults().get(0).text()
        + "\"); add allowFaults: true to the file to allow faults through its proxies";
  }

  /** What is wrong with a fault on a node itself (kill, pause, failover, migration) on an external topology. */
  public static String notThroughProxy(ScheduledFault fault, ExternalTopologySpec spec) {
    return fault.fault().kind() + " is not possible on the external topology " + spec.file()
        + ": tracklab does not own its nodes (only faults through their proxies are)";
  }
}

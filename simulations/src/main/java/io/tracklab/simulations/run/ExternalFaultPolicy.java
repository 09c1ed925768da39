package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.topologies.external.ExternalTopologySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run may do to an external topology, someone else's Redis: nothing, unless its file says
 * {@code allowFaults: true}; and then only faults through the proxies (toxics, disable), since
 * tracklab does not own the nodes behind them. Checked before anything starts, by the command
 * line when it validates and by every run before its topology starts.
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
      if (!fault.fault().throughProxy()) {
        problems.add("\"" + fault.text() + "\": " + notThroughProxy(fault, spec));
      }
    }
    return problems;
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

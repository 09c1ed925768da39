package io.tracklab.harness.chaos;

/**
 * A node's process: {@code kill} (SIGKILL, a crash; healed by starting it again on the same
 * port and files, where it rejoins as whatever Sentinel or the Cluster make of it) or
 * {@code pause} (SIGSTOP, a stall with connections open; healed by SIGCONT).
 */
public record ProcessFault(String kind, String target) implements Fault {
  public ProcessFault {
    if (!kind.equals("kill") && !kind.equals("pause")) {
      throw new IllegalArgumentException("not a process fault: " + kind);
    }
  }

  @Override
  public boolean timesFailover() {
    return true;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    if (kind.equals("kill")) {
      topology.kill(node);
      return () -> topology.restart(node);
    }
    topology.pause(node);
    return () -> topology.resume(node);
  }
}

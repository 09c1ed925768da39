package io.tracklab.topologies.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills, at JVM exit, every child process still registered, so a test or run that dies early
 * (or a Ctrl-C) does not leave servers behind. One shutdown hook for all processes.
 */
final class ProcessReaper {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "tracklab-process-reaper"));
  }

  private ProcessReaper() {}

  static void register(Process process) {
    LIVE.add(process);
  }

  static void unregister(Process process) {
    LIVE.remove(process);
  }

  private static void killAll() {
    for (Process process : LIVE) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }
}

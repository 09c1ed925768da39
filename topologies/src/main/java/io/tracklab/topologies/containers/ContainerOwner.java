package io.tracklab.topologies.containers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who owns a container tracklab started, and the cleanup that follows from it.
 *
 * <p>Why tracklab cleans up itself: Testcontainers' reaper (Ryuk) is an image that cannot be
 * pulled where no registry is reachable, so it is disabled there, and nothing else would remove a
 * container whose JVM died. Three layers, each for a way a run can end:
 * <ul>
 *   <li>close (the topology's, also when a start fails half way): the container is removed;
 *   <li>JVM shutdown (Ctrl-C, SIGTERM, {@code System.exit}): a hook removes what is still open;
 *   <li>{@code kill -9} (no hook runs): every container carries the owning process as a label
 *       ({@value #LABEL}{@code =pid@start}); the next start removes those whose owner is gone.
 * </ul>
 * The process start time guards against a reused pid.
 */
final class ContainerOwner {
  static final String LABEL = "org.tracklab.owner";
  static final String RUN_LABEL = "org.tracklab.run";

  private static final Set<String> OPEN = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private ContainerOwner() {}

  /** This process as the label's value: {@code pid@startMillis} (start 0 where the OS does not say). */
  static String self() {
    ProcessHandle self = ProcessHandle.current();
    return self.pid() + "@" + startMillis(self);
  }

  /** The labels of a container this process starts for the run in {@code runName}. */
  static Map<String, String> labels(String runName) {
    return Map.of(LABEL, self(), RUN_LABEL, runName);
  }

  /** Whether the process a label names is gone (or its pid now belongs to another process). */
  static boolean ownerIsGone(String owner) {
    int at = owner.indexOf('@');
    try {
      long pid = Long.parseLong(at < 0 ? owner : owner.substring(0, at));
      long start = at < 0 ? 0 : Long.parseLong(owner.substring(at + 1));
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      return process.isEmpty() || !process.get().isAlive()
          || (start != 0 && startMillis(process.get()) != 0 && startMillis(process.get()) != start);
    } catch (NumberFormatException notOurs) {
      return false; // not a label tracklab wrote: leave the container alone
    }
  }

  private static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
  }

  /** Removes every container whose owning tracklab process is gone; returns how many. */
  static int sweepOrphans(DockerClient docker) {
    List<Container> labelled = docker.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec();
    int removed = 0;
    for (Container container : labelled) {
      String owner = container.getLabels().get(LABEL);
      if (owner != null && ownerIsGone(owner)) {
        remove(docker, container.getId());
        removed++;
      }
    }
    return removed;
  }

  /** Registers a started container for the shutdown hook. */
  static void opened(DockerClient docker, String id) {
    installHook(docker);
    OPEN.add(id);
  }

  /** Forgets a container its owner removed. */
  static void closed(String id) {
    OPEN.remove(id);
  }

  private static synchronized void installHook(DockerClient docker) {
    if (!hookInstalled) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        for (String id : List.copyOf(OPEN)) {
          remove(docker, id);
        }
      }, "tracklab-containers-cleanup"));
      hookInstalled = true;
    }
  }

  static void remove(DockerClient docker, String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException alreadyGone) {
      // removed meanwhile: what this wanted
    } catch (ConflictException beingRemoved) {
      // "removal ... is already in progress": Testcontainers' own exit hook got there first
    }
    OPEN.remove(id);
  }
}

package io.tracklab.simulations.run;

import io.lettuce.core.cluster.SlotHash;
import io.tracklab.harness.probe.ConsistencyChecker;
import io.tracklab.harness.workload.WorkloadSpec;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Reads every key straight from the primaries (the nodes the topology names, over admin
 * connections that bypass the proxies and the client under test) to find acknowledged writes
 * that were lost: after the run, and during it after each change of primary.
 *
 * <p>Why during the run: a failover loses the writes the old primary acknowledged but never
 * replicated (after {@code SENTINEL FAILOVER}, everything it accepts until Sentinel demotes it).
 * From then on every read of such a key, by any client, returns an older version than one
 * acknowledged, and would count as stale until the key is written again: minutes, for a cold
 * key. That is the server's loss, reported as lost writes, not staleness of the client under
 * test. Passes run at 0, 0.25, 1 and 3 s after the latest change (writes acknowledged by a
 * demoted primary can still arrive just after the change), off the I/O threads. Reads that miss
 * a lost write come before the pass that finds it lost, so stale reads beyond the bound are held
 * ({@link #HOLD}) and counted as violations only if no pass excuses them; this auditor's thread
 * confirms them when their time is up.
 */
final class LostWriteAuditor implements AutoCloseable {
  private static final long[] PASSES_AFTER_MILLIS = {0, 250, 1000, 3000};
  private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  /** How long a stale read beyond the bound waits for a pass that may excuse it: past the last pass, with room. */
  static final Duration HOLD = Duration.ofSeconds(5);

  private final Topology topology;
  private final WorkloadSpec workload;
  private final ConsistencyChecker checker;
  private final boolean slotted;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread auditor = new Thread(runnable, "tracklab-lost-write-audit");
    auditor.setDaemon(true);
    return auditor;
  });
  private final List<Pass> pending = new ArrayList<>();
  private boolean skippedSinceLastPass;

  LostWriteAuditor(Topology topology, WorkloadSpec workload, ConsistencyChecker checker, boolean slotted) {
    this.topology = topology;
    this.workload = workload;
    this.checker = checker;
    this.slotted = slotted;
    thread.scheduleWithFixedDelay(() -> checker.confirmHeld(System.nanoTime()), 250, 250, TimeUnit.MILLISECONDS);
  }

  /**
   * The primary may have changed (a failover fault completed, or a client saw a new connection
   * epoch): audit soon, and a few times after. Passes already due near those times are not
   * doubled. Does not block.
   */
  synchronized void primaryMayHaveChanged() {
    if (thread.isShutdown()) {
      return;
    }
    long now = System.nanoTime();
    pending.removeIf(Pass::isDone);
    for (long after : PASSES_AFTER_MILLIS) {
      long due = now + TimeUnit.MILLISECONDS.toNanos(after);
      boolean covered = pending.stream().anyMatch(pass -> Math.abs(pass.due() - due) < COALESCE_NANOS);
      if (!covered) {
        pending.add(new Pass(due, thread.schedule(this::passDuringRun, after, TimeUnit.MILLISECONDS)));
      }
    }
  }

  private record Pass(long due, Future<?> future) {
    boolean isDone() {
      return future.isDone();
    }
  }

  private void passDuringRun() {
    long began = System.nanoTime();
    ConsistencyChecker.LostWrites found;
    try {
      found = checker.auditDuringRun(readFromPrimaries());
    } catch (RuntimeException e) {
      // no primary to read from yet (a failover under way): a later pass, or the next change
      if (!skippedSinceLastPass) {
        System.out.printf("tracklab: lost-write audit during the run skipped (will retry): %s%n", e.getMessage());
      }
      skippedSinceLastPass = true;
      return;
    }
    skippedSinceLastPass = false;
    if (found.versionsLost() > 0) {
      System.out.printf("tracklab: %d acknowledged writes of %d keys lost (audit of %d keys in %d ms after a"
              + " change of primary)%n", found.versionsLost(), found.keysWithLostWrites(), found.keysChecked(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }
  }

  /** The audit after the run; also counts what the passes during it found. Stops the passes. */
  ConsistencyChecker.LostWrites finalAudit() {
    close();
    IntFunction<CompletionStage<String>> read = readFromPrimaries();
    return checker.audit(key -> read.apply(key).toCompletableFuture().join());
  }

  /** Each key from the primary of its slot, as named now, pipelined. */
  private IntFunction<CompletionStage<String>> readFromPrimaries() {
    RedisNode[] primaries = topology.currentPrimaries();
    return key -> {
      String name = workload.key(key);
      RedisNode primary = primaries[slotted ? SlotHash.getSlot(name) : 0];
      return topology.admin(primary.name()).getStatefulConnection().async().get(name);
    };
  }

  @Override
  public void close() {
    synchronized (this) {
      thread.shutdownNow();
    }
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS); // a pass under way finishes before the final audit
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.tracklab.harness.chaos;

import io.tracklab.harness.probe.RunRecorder;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Runs a {@link FaultSchedule} against a topology during a run: injects each fault at its time
 * and heals it after its duration, marks both in the {@link RunRecorder} (so the result shows
 * every fault with timestamps and times the failovers), and heals whatever is still active when
 * closed: every fault heals at the end of a run, also a failed or interrupted one.
 *
 * <p>One thread does everything, in schedule order, so faults never race each other; a step that
 * takes time (a failover waits for the new primary) delays the ones after it, and the recorded
 * times say so.
 */
public final class ChaosController implements AutoCloseable {
  private final ChaosTarget topology;
  private final FaultSchedule schedule;
  private final RunRecorder recorder;
  private volatile ChaosListener listener = new ChaosListener() {};
  private boolean started;
  private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread t = new Thread(runnable, "tracklab-chaos");
    t.setDaemon(true);
    return t;
  });
  private final List<ScheduledFuture<?>> pending = new ArrayList<>();
  /** Injected and not healed yet, last injected first (healed in reverse order at the end). */
  private final Deque<Active> active = new ArrayDeque<>();
  private final List<String> failures = new ArrayList<>();
  private long startNanos;
  private boolean closed;

  private record Active(ScheduledFault fault, Fault.Heal heal, RunRecorder.FaultMark mark) {}

  /** Checks the schedule against the topology at once (before any load); nothing runs until {@link #start}. */
  public ChaosController(ChaosTarget topology, FaultSchedule schedule, RunRecorder recorder) {
    this.topology = topology;
    this.schedule = schedule;
    this.recorder = recorder;
    validate();
  }

  /** Fails before the run when a fault names a node the topology lacks or needs another kind of topology. */
  private void validate() {
    for (ScheduledFault scheduled : schedule.faults()) {
      String unsupported = scheduled.fault().unsupportedOn(topology.kind());
      if (unsupported != null) {
        throw new FaultScheduleException("\"" + scheduled.text() + "\": " + unsupported);
      }
    }
    for (String node : schedule.namedNodes()) {
      try {
        topology.node(node);
      } catch (RuntimeException e) {
        throw new FaultScheduleException("the fault schedule names node \"" + node + "\": " + e.getMessage());
      }
    }
  }

  /**
   * Starts the timeline; {@code runStartNanos} is its time zero, {@code listener} hears of every
   * step (on the chaos thread). Once.
   */
  public synchronized void start(long runStartNanos, ChaosListener listener) {
    if (closed || started) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    started = true;
    this.listener = listener;
    this.startNanos = runStartNanos;
    long now = System.nanoTime();
    for (ScheduledFault fault : schedule.faults()) {
      long delay = Math.max(0, runStartNanos + fault.at().toNanos() - now);
      pending.add(thread.schedule(() -> inject(fault), delay, TimeUnit.NANOSECONDS));
    }
  }

  private void inject(ScheduledFault scheduled) {
    Fault fault = scheduled.fault();
    String node;
    String primaryBefore;
    Fault.Heal heal;
    long injectedNanos;
    synchronized (this) {
      if (closed) {
        return;
      }
    }
    Predicate<String> affected = null;
    try {
      node = Fault.resolve(topology, fault.target());
      primaryBefore = timesFailover(fault) ? primaryNow() : null;
      if (timesFailover(fault) && node != null && fault instanceof ProcessFault) {
        affected = topology.keysServedBy(node); // before it goes: a dead node cannot be asked
      }
      injectedNanos = System.nanoTime();
      heal = fault.inject(topology, node);
      if (timesFailover(fault) && node != null && fault instanceof FailoverFault) {
        affected = topology.keysServedBy(node); // the replica, primary now of the slots that moved
      }
    } catch (Exception e) {
      fail(scheduled, "inject", e);
      return;
    }
    RunRecorder.FaultMark mark = recorder.faultStarted(fault.kind(), node, fault.parameters(), injectedNanos,
        timesFailover(fault), primaryBefore, affected);
    listener.injected(scheduled, node, offset(injectedNanos));
    if (!heal.undoes()) {
      return;
    }
    Active injected = new Active(scheduled, heal, mark);
    synchronized (this) {
      active.push(injected);
      if (scheduled.healsAt() != null && !closed) {
        long delay = Math.max(0, startNanos + scheduled.healsAt().toNanos() - System.nanoTime());
        pending.add(thread.schedule(() -> heal(injected), delay, TimeUnit.NANOSECONDS));
      }
    }
  }

  /** A standalone topology has nothing to fail over to: its faults are not timed as failovers. */
  private boolean timesFailover(Fault fault) {
    return fault.timesFailover() && !topology.kind().equals("standalone");
  }

  private String primaryNow() {
    try {
      return topology.currentPrimary(0);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void heal(Active injected) {
    synchronized (this) {
      if (!active.remove(injected)) {
        return;
      }
    }
    try {
      injected.heal().heal();
      long now = System.nanoTime();
      injected.mark().healed(now);
      listener.healed(injected.fault(), offset(now));
    } catch (Exception e) {
      fail(injected.fault(), "heal", e);
    }
  }

  private void fail(ScheduledFault fault, String step, Exception error) {
    synchronized (this) {
      failures.add(step + " \"" + fault.text() + "\": " + error);
    }
    listener.failed(fault, step, offset(System.nanoTime()), error);
  }

  private Duration offset(long nanos) {
    return Duration.ofNanos(nanos - startNanos);
  }

  /** The faults injected and not healed yet, as written in the schedule, first injected first. */
  public synchronized List<String> activeFaults() {
    List<String> texts = new ArrayList<>();
    active.descendingIterator().forEachRemaining(fault -> texts.add(fault.fault().text()));
    return texts;
  }

  /** What failed to inject or heal, for the run's verdict. */
  public synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  /** Cancels what has not fired, heals what is active (last injected first), stops the thread. Idempotent. */
  @Override
  public void close() {
    List<Active> toHeal;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      pending.forEach(future -> future.cancel(false));
      toHeal = new ArrayList<>(active);
    }
    try {
      // on the chaos thread, after any step under way, so a heal never races its own injection
      thread.submit(() -> toHeal.forEach(this::heal)).get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("tracklab chaos: healing at the end failed: " + e);
    } finally {
      thread.shutdownNow();
    }
  }
}

package io.tracklab.simulations.run;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.chaos.ChaosController;
import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.client.CacheClient;
import io.tracklab.harness.client.ClientEndpoints;
import io.tracklab.harness.client.ClientSupport;
import io.tracklab.harness.probe.CheckerConfig;
import io.tracklab.harness.probe.ConsistencyChecker;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.workload.KeyChooser;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.harness.workload.StampedWriter;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.harness.workload.WorkloadSpec;
import io.tracklab.harness.workload.WriteFence;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.Provisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * One simulation run's world: the topology (provisioned before injection, closed after, also on
 * failure and at JVM exit), the client under test, a writer standing for other application
 * instances, the fault schedule's {@link ChaosController}, and the {@link RunRecorder} that
 * checks every read and writes {@code target/tracklab/<run-id>/result.json} at the end.
 *
 * <p>There is one run per simulation JVM at a time; Gatling's actions find it in the near-cache
 * protocol's components, which the simulation hands the run it started.
 */
public final class TracklabRun implements AutoCloseable {
  private static volatile TracklabRun current;
  private static volatile boolean stopRequested;

  private final RunSettings settings;
  private final GateSettings gates;
  private final FaultSchedule faults;
  private final ChaosController chaos;
  private final String runId;
  private final WorkloadSpec workload;
  private final long startedEpochMillis = System.currentTimeMillis();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ThreadLocal<KeyChooser> choosers;
  private final AtomicInteger seeds = new AtomicInteger();
  private final Topology topology;
  private final Provisioner provisioner;
  private final ClientResources clientResources;
  /** Where the client under test and the writer connect, and over what (TLS options). */
  private final ClientEndpoints endpoints;
  /** Every command's timeout, the client under test's and the writer's alike. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  private final StampedWriter writer;
  private final WriteFence writes = new WriteFence();
  /** This run's role in a distributed run, or null. */
  private final InjectorRole injector;
  /** An injector's clock and exchange with the others (null for a run of its own). */
  private volatile InjectorSync injectorSync;
  /** The keys this run writes and judges: all of them, unless it is one injector of several. */
  private final KeySlice slice;
  private final LostWriteAuditor auditor;
  private volatile LongConsumer heldViolations;
  private final CacheClient client;
  private final RunRecorder recorder;
  private volatile boolean finished;
  private long finishedNanos = Long.MIN_VALUE;
  private boolean reportTimeTold;
  /** The gates as judged when the last user finished (null until then): result.json says the same. */
  private List<GateVerdict> judgedGates;
  private final int reportRecordsPerSecond;
  private volatile long loadStartNanos = Long.MIN_VALUE;
  private volatile RunRecorder.Progress loadStartCounts;

  private TracklabRun(RunPlan plan) {
    String simulation = plan.name();
    this.settings = plan.settings();
    this.gates = plan.gates();
    this.faults = plan.faults();
    List<String> links = InjectorLinks.problems(faults, 0); // an injector's plan has no faults
    if (!links.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", links));
    }
    this.reportRecordsPerSecond = RunSettings.reportRecordsPerSecond(System.getProperties());
    this.runId = plan.runId() != null ? plan.runId()
        : RunPlan.runId(simulation, LocalDateTime.now());
    this.workload = workloadOf(settings);
    this.choosers = ThreadLocal.withInitial(
        () -> workload.distribution().newChooser(workload.keys(), seeds.incrementAndGet()));
    ProvisionedTopology provisioned = ProvisionedTopology.start(plan, faults);
    this.provisioner = provisioned.provisioner();
    this.topology = provisioned.topology();
    resources.add(topology);
    try {
      this.clientResources = DefaultClientResources.create();
      resources.add(0, () -> clientResources.shutdown(0, 2, TimeUnit.SECONDS));
      boolean cluster = settings.topology() == TopologyKind.CLUSTER;
      List<RedisURI> uris = new ArrayList<>();
      for (RedisURI uri : topology.clientUris()) {
        uri.setTimeout(COMMAND_TIMEOUT);
        uris.add(uri);
      }
      this.endpoints = new ClientEndpoints(clientResources, uris, cluster, topology.sslOptions().orElse(null));
      this.writer = OtherInstancesWriter.connect(topology, settings.topology(), endpoints, COMMAND_TIMEOUT,
          resource -> resources.add(0, resource));
      this.injector = plan.injector();
      this.slice = injector == null ? KeySlice.ALL : injector.slice();
      this.recorder = new RunRecorder(workload,
          new CheckerConfig(workload.keys(), 0, gates.staleBound()).withExpiry(workload.expiry()),
          (int) Math.min(Integer.MAX_VALUE, settings.duration().toSeconds() + 120), System.nanoTime(), slice);
      this.auditor = new LostWriteAuditor(topology, workload, recorder.checker(), cluster);
      resources.add(0, auditor);
      if (settings.topology() != TopologyKind.STANDALONE) {
        // the primary can change and lose writes: violations wait for the audit that may excuse them
        recorder.checker().holdViolations(LostWriteAuditor.HOLD, 1 << 16, (key, ageNanos) -> {
          LongConsumer listener = heldViolations;
          if (listener != null) {
            listener.accept(ageNanos);
          }
        });
      }
      // before any load: a schedule naming a node this topology lacks fails here, not mid-run
      this.chaos = new ChaosController(new TopologyChaosTarget(topology, this::emptyingKeyspace), faults, recorder);
      if (!faults.isEmpty()) {
        System.out.println("tracklab: fault targets, resolved before the load:");
        FaultTargets.describe(topology, faults).forEach(line -> System.out.println("  " + line));
      }
      resources.add(0, chaos);
      OtherInstancesWriter.preload(writer, workload, slice, recorder);
      CacheClient.Factory factory = ClientUnderTest.factory(settings, workload.keyPrefix(), COMMAND_TIMEOUT);
      this.client = factory.open(endpoints, ProbeListeners.ofClient(recorder, auditor, settings.topology()));
      resources.add(0, client);
    } catch (RuntimeException | Error e) {
      // what started before the failure stops now, not at the JVM's exit (one JVM may run many plans)
      close();
      throw e;
    }
  }

  /** Starts the run (before injection). */
  public static synchronized TracklabRun start(RunPlan plan) {
    if (current != null && !current.finished) {
      // Gatling calls a simulation's after() only when its load started: a run whose Gatling
      // failed in between (in the same JVM, as in tests) is stopped here, not left running
      System.out.printf("tracklab: run %s never finished (Gatling stopped before the load); stopping it%n",
          current.runId);
      current.finish(true);
    }
    TracklabRun run = new TracklabRun(plan);
    current = run;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      run.finish(true);
      // Gatling's report is written after the run finished, in this JVM: at its exit, say how long it took
      run.reportTook().ifPresent(System.out::println);
    }, "tracklab-run-finish"));
    if (run.injector != null) {
      run.awaitGo();
    }
    return run;
  }

  /**
   * An injector, connected and preloaded: its load starts when every injector's does, at the
   * controller's go. A controller that aborts (or never says go) ends this run, closed.
   */
  private void awaitGo() {
    InjectorSync sync = InjectorSync.connect(injector, topology, recorder, settings.users());
    injectorSync = sync;
    resources.add(0, sync);
    try {
      sync.awaitGo();
    } catch (RuntimeException e) {
      finished = true;
      close();
      throw e;
    }
  }

  /**
   * Asks the run under way (and any that starts before {@link #clearStopRequest}) to stop early:
   * the simulation's users stop at their next operation, Gatling ends the run, and the result is
   * marked interrupted. For Ctrl-C on the command line; safe from a signal handler's thread.
   */
  public static void requestStop() {
    stopRequested = true;
  }

  /** True once {@link #requestStop} was called. */
  public static boolean stopRequested() {
    return stopRequested;
  }

  /** For a JVM that runs several plans: the next run is not stopped by an earlier request. */
  public static void clearStopRequest() {
    stopRequested = false;
  }

  /** The run this JVM started last, finished or not. */
  public static Optional<TracklabRun> latest() {
    return Optional.ofNullable(current);
  }

  /** The run of this JVM that has not finished, if any (for progress and for stopping it). */
  public static Optional<TracklabRun> unfinished() {
    TracklabRun run = current;
    return run == null || run.finished ? Optional.empty() : Optional.of(run);
  }

  public RunSettings settings() {
    return settings;
  }

  public GateSettings gates() {
    return gates;
  }

  public FaultSchedule faults() {
    return faults;
  }

  /**
   * The load began (the first operation is under way): the fault schedule's time zero. Called
   * once; {@code listener} hears of every fault step besides the console.
   */
  public synchronized void loadStarted(ChaosListener listener) {
    if (!finished) {
      loadStartCounts = recorder.progress();
      loadStartNanos = System.nanoTime();
      chaos.start(loadStartNanos, ChaosListener.PRINTING.andThen(listener)
          .andThen(ProbeListeners.auditAfterFailovers(auditor, settings.topology())));
    }
  }

  /**
   * A fault takes every key away at once (SWAPDB): with no write of the workload crossing it,
   * every key counts as deleted at that instant (see {@link WriteFence}).
   */
  private void emptyingKeyspace(Runnable change) {
    try {
      boolean drained = writes.exclusive(COMMAND_TIMEOUT.plusSeconds(1), () -> recorder.keyspaceEmptied(change));
      if (!drained) {
        System.out.println("tracklab: writes were still unanswered after " + COMMAND_TIMEOUT.plusSeconds(1).toSeconds()
            + " s when the keyspace changed; reads of their keys may be judged against the wrong order");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for writes before a keyspace change", e);
    }
  }

  /** The run's figures since the load started (not counting the preload), for progress lines. */
  public RunProgress progress() {
    long start = loadStartNanos;
    RunRecorder.Progress now = recorder.progress();
    if (start == Long.MIN_VALUE) {
      return new RunProgress(runId, Duration.ZERO, settings.duration(), now.since(now), List.of());
    }
    return new RunProgress(runId, Duration.ofNanos(System.nanoTime() - start), settings.duration(),
        now.since(loadStartCounts), chaos.activeFaults());
  }

  public String runId() {
    return runId;
  }

  public WorkloadSpec workload() {
    return workload;
  }

  public CacheClient client() {
    return client;
  }

  public StampedWriter writer() {
    return writer;
  }

  /** What every write of the workload goes through: a keyspace change (SWAPDB) never crosses one. */
  public WriteFence writes() {
    return writes;
  }

  public RunRecorder recorder() {
    return recorder;
  }

  /**
   * Tells {@code listener} every invalidation delay measured from now on, until the run starts
   * finishing. The listener runs on a Lettuce I/O thread: it must not block.
   */
  public void onInvalidationDelay(LongConsumer listener) {
    recorder.invalidationDelays().onDelay((atNanos, delayNanos) -> listener.accept(delayNanos));
  }

  /**
   * Tells {@code listener} the age of each held stale read confirmed as a violation (see
   * {@link LostWriteAuditor}); on the auditor's thread, or the caller of {@link #loadEnding}.
   */
  public void onHeldViolation(LongConsumer listener) {
    heldViolations = listener;
  }

  /**
   * How long Gatling's report took after the run finished (the caller reads it once Gatling
   * returned): {@code tracklab: Gatling's report took 2.1 s after the load}, once per run; empty
   * for a run cut short or already told.
   */
  public synchronized Optional<String> reportTook() {
    if (finishedNanos == Long.MIN_VALUE || reportTimeTold) {
      return Optional.empty();
    }
    reportTimeTold = true;
    return Optional.of(String.format("tracklab: Gatling's report took %.1f s after the load",
        (System.nanoTime() - finishedNanos) / 1e9));
  }

  /**
   * Records a second of each kind in Gatling's report ({@code -Dreport.recordsPerSecond}, default
   * 50; 0: a record per operation, whose parsing grows with the
   * request count).
   */
  public int reportRecordsPerSecond() {
    return reportRecordsPerSecond;
  }

  /**
   * The load is over (every user finished): judges the gates on the figures as they stand, once;
   * result.json carries these verdicts. Also the held stale reads get theirs first.
   */
  public synchronized List<GateVerdict> judgeGates() {
    if (judgedGates == null) {
      recorder.checker().stopHolding();
      judgedGates = ResultGates.check(gates, measured(System.nanoTime(), false, null));
    }
    return judgedGates;
  }

  private RunResult measured(long endNanos, boolean interrupted, ConsistencyChecker.LostWrites lost) {
    String host = RunResultFile.hostName(); // a name lookup: once
    return recorder.toResult(runId, startedEpochMillis, endNanos, settings.topology().label(),
        provisioner.name(), client.name(), List.of(injector == null ? host : injector.name() + "@" + host),
        interrupted, client.stats(), lost);
  }

  /** The first user finished its operations: no more holding; the held reads get their verdicts now. */
  public void loadEnding() {
    recorder.checker().stopHolding();
  }

  /** True once {@link #finish} began: nothing may be reported to Gatling any more. */
  public boolean isFinishing() {
    return finished;
  }

  /** The next key for this thread, by the workload's distribution. */
  public int nextKey() {
    return choosers.get().next();
  }

  /** The next key this run writes: drawn as {@link #nextKey}, then the nearest of its {@link KeySlice}. */
  public int nextWriteKey() {
    int drawn = choosers.get().next();
    return slice.count() == 1 ? drawn : slice.writeKey(drawn, workload.keys());
  }

  /**
   * Audits lost writes from the primaries, writes result.json, stops everything. Idempotent;
   * {@code interrupted} marks a run cut short (JVM shutdown before the end).
   */
  public synchronized void finish(boolean interrupted) {
    if (finished) {
      return;
    }
    finished = true;
    recorder.invalidationDelays().onDelay(null);
    try {
      long end = System.nanoTime();
      // every fault heals before the audit, which reads from the primaries
      chaos.close();
      recorder.checker().stopHolding();
      InjectorSync sync = injectorSync;
      if (sync != null) {
        sync.close(); // a last exchange: what the others acknowledged up to now judges what it can
      }
      ConsistencyChecker.LostWrites lost = interrupted ? null : auditor.finalAudit();
      RunResult measured = measured(end, interrupted, lost);
      List<GateVerdict> verdicts;
      synchronized (this) {
        // judged at the load's end when every user finished; now for a run cut short
        verdicts = judgedGates != null ? judgedGates : ResultGates.check(gates, measured);
      }
      if (judgedGates == null && !interrupted) {
        System.out.println("tracklab: the gates were judged after the load, not when its last user finished "
            + "(not every user finished): Gatling's gate assertions find no verdict and fail");
      }
      RunResultFile.write(measured, verdicts, ProvisionedTopology.securityLabel(topology.security()),
          sync == null ? Map.of() : sync.clocks(), reportRecordsPerSecond);
      if (!interrupted) {
        finishedNanos = System.nanoTime();
      }
    } finally {
      close();
    }
  }

  /** The workload the settings describe (its key names, value size and rate). */
  public static WorkloadSpec workloadOf(RunSettings settings) {
    return new WorkloadSpec("key:", settings.keys(), settings.distribution(), settings.readRatio(),
        Math.max(settings.valueSize(), VersionedValue.minimumSize("key:" + (settings.keys() - 1))),
        settings.readRatio() < 1 ? 1 : 0, 1, settings.rate(), settings.mix().expiry());
  }

  /**
   * Why the plan's client cannot run its topology (then nothing is started and
   * {@link #recordUnsupported} writes the result); empty when it can.
   */
  public static Optional<String> unsupported(RunPlan plan) {
    return ClientSupport.unsupported(plan.settings().client(), plan.settings().topology().label(),
        plan.security().tls());
  }

  /** Writes the result of a run that cannot start: what would have run, and why not. */
  public static Path recordUnsupported(RunPlan plan, String reason) {
    return RunResultFile.writeUnsupported(plan, reason);
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        System.err.println("tracklab: closing " + resource + " failed: " + e);
      }
    }
    resources.clear();
  }
}

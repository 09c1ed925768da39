package io.tracklab.simulations.run;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.tracklab.harness.chaos.ChaosController;
import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.chaos.ToxicFault;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.client.CacheClient;
import io.tracklab.harness.client.ClientEndpoints;
import io.tracklab.harness.client.ClientSupport;
import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.probe.CheckerConfig;
import io.tracklab.harness.probe.ConsistencyChecker;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.coordination.ClockEstimate;
import io.tracklab.harness.coordination.CommonClock;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.InjectorClock;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.workload.KeyChooser;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.harness.workload.StampedWriter;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.harness.workload.WorkloadSpec;
import io.tracklab.harness.workload.WriteFence;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.provisioning.Provisioners;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

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
  /** An injector's exchange of acknowledgements with the others, or null. */
  private volatile AckExchange acrossInjectors;
  /** An injector's clock against the primary's TIME before its load (null for a run of its own). */
  private volatile CommonClock clock;
  /** Probes of the common clock per probing: enough that one round trip is undisturbed. */
  private static final int CLOCK_PROBES = 50;
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
    Provisioners.Choice choice = Provisioners.choose();
    this.provisioner = choice.provisioner();
    if (!choice.why().isEmpty()) {
      System.out.println("tracklab: " + provisioner.name() + " provisioner (" + choice.why() + ")");
    }
    if (provisioner instanceof ExternalProvisioner external) {
      // someone else's Redis: refuse what its file does not allow before touching anything
      List<String> refused = ExternalFaultPolicy.problems(external.spec(), faults);
      if (!refused.isEmpty()) {
        throw new IllegalArgumentException(String.join("\n", refused));
      }
    }
    System.out.printf("tracklab: starting a %s topology (%s provisioner) for %s, client %s%n",
        settings.topology(), provisioner.name(), simulation, settings.client());
    this.topology = provisioner.start(settings.topology(), plan.security());
    resources.add(topology);
    if (topology.security().secured()) {
      // tracklab's own topology as planned, or an external one as its file says
      System.out.println("tracklab: security " + topology.security().label() + describeUsers(topology.security()));
    }
    System.out.printf("tracklab: topology ready in %d ms: %s%n", topology.startupTime().toMillis(),
        topology.clientUris());
    this.clientResources = DefaultClientResources.create();
    resources.add(0, () -> clientResources.shutdown(0, 2, TimeUnit.SECONDS));
    boolean cluster = settings.topology() == TopologyKind.CLUSTER;
    List<RedisURI> uris = new ArrayList<>();
    for (RedisURI uri : topology.clientUris()) {
      uri.setTimeout(COMMAND_TIMEOUT);
      uris.add(uri);
    }
    this.endpoints = new ClientEndpoints(clientResources, uris, cluster, topology.sslOptions().orElse(null));
    this.writer = new StampedWriter(writerConnection(writerUris(uris), cluster));
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
    preload();
    CacheClient.Factory factory = ClientUnderTest.factory(settings, workload.keyPrefix(), COMMAND_TIMEOUT);
    this.client = factory.open(endpoints, clientListener());
    resources.add(0, client);
  }

  /**
   * Where "the other instances" write. On a standalone topology, straight to Redis, bypassing the
   * proxy: a fault on the proxy then cuts or slows only the client under test, as a network fault
   * between one application instance and Redis does, while writes go on and must reach it as
   * invalidations. Sentinel and Cluster writers need discovery and go through the proxies like
   * the client (a fault there is a fault of the node for everyone).
   */
  private List<RedisURI> writerUris(List<RedisURI> clientUris) {
    if (settings.topology() != TopologyKind.STANDALONE) {
      return clientUris;
    }
    RedisURI direct = topology.currentPrimary(0).directUri();
    // the direct address, but as the application's user like the client under test, not the admin
    RedisURI asClient = RedisURI.Builder.redis(direct.getHost(), direct.getPort()).withSsl(direct)
        .withAuthentication(clientUris.get(0)).withTimeout(COMMAND_TIMEOUT).build();
    return List.of(asClient);
  }

  /** The invalidation-delay probe, and new connection epochs as topology events for the failover probes. */
  private NearCacheListener clientListener() {
    NearCacheListener delays = recorder.invalidationDelays();
    return new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        delays.onInvalidation(nanoTime, key, wasHeld);
      }

      @Override
      public void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {
        delays.onFlush(nanoTime, reason, entriesDropped);
      }

      @Override
      public void onEpochChange(long nanoTime, long epoch) {
        delays.onEpochChange(nanoTime, epoch);
        recorder.topologyEvent(nanoTime);
        if (settings.topology() != TopologyKind.STANDALONE) {
          auditor.primaryMayHaveChanged();
        }
      }

      @Override
      public void onHealthChange(long nanoTime, boolean healthy) {
        delays.onHealthChange(nanoTime, healthy);
      }
    };
  }

  private Supplier<? extends StatefulConnection<String, String>> writerConnection(List<RedisURI> uris, boolean cluster) {
    if (cluster) {
      RedisClusterClient clusterClient = RedisClusterClient.create(clientResources, uris);
      // follow failovers and migrations as they happen, not on the next periodic refresh
      clusterClient.setOptions(ClusterClientOptions.builder(endpoints.clientOptions().build())
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enableAllAdaptiveRefreshTriggers()
              .enablePeriodicRefresh(Duration.ofSeconds(1))
              .build())
          .build());
      resources.add(0, () -> clusterClient.shutdown(0, 2, TimeUnit.SECONDS));
      StatefulConnection<String, String> connection = clusterClient.connect();
      return () -> connection;
    }
    RedisClient plain = RedisClient.create(clientResources, uris.get(0));
    plain.setOptions(endpoints.clientOptions().build());
    resources.add(0, () -> plain.shutdown(0, 2, TimeUnit.SECONDS));
    if (settings.topology() == TopologyKind.SENTINEL) {
      SentinelPrimaryFollower follower = new SentinelPrimaryFollower(clientResources, plain, uris.get(0),
          topology.sslOptions().orElse(null));
      resources.add(0, follower);
      return follower;
    }
    StatefulConnection<String, String> connection = plain.connect();
    return () -> connection;
  }

  /** What result.json says of the security: its label, null for none. */
  private static String securityLabel(TopologySecurity security) {
    return security.secured() ? security.label() : null;
  }

  /** Who connects as whom, never a password. */
  private static String describeUsers(TopologySecurity security) {
    if (!security.authenticated()) {
      return ": TLS only, certificates generated for the topology";
    }
    return ": admin (audits, faults) as user " + security.admin().user() + ", the client under test and the "
        + "workload as user " + security.client().user() + (security.tls() ? ", over TLS" : "")
        + "; passwords are never printed";
  }

  /** Preload writes in flight at once: see {@link #preload}. */
  private static final int PRELOAD_WINDOW = 256;

  /**
   * Version 1 of every key, so reads find values from the first second. At most
   * {@value #PRELOAD_WINDOW} writes in flight: all at once, the last of 10,000 waits for the
   * replies of all the others, and on a cold proxy (a container's JVM that just started, 6,402
   * replies in 2 s measured) it outlives its command timeout; each write's wait must not grow
   * with the key count.
   */
  private void preload() {
    Semaphore window = new Semaphore(PRELOAD_WINDOW);
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int key = slice.index(); key < workload.keys(); key += slice.count()) {
      int index = key;
      window.acquireUninterruptibly();
      long version = recorder.writeSending(index, System.nanoTime());
      writes.add(writer.set(workload.key(index), new VersionedValue(workload.key(index), version, 0)
              .encode(workload.valueSize()), workload.expiry().ttlOf(index))
          .whenComplete((acked, failure) -> window.release())
          .thenAccept(acked -> recorder.writeAcked(index, version, acked, null)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
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
    clock = CommonClock.probe(primaryTime(), CLOCK_PROBES);
    ClockEstimate before = clock.first();
    System.out.printf("tracklab: %s clock: the primary's TIME is %+,d µs from this machine's (± %d µs, best of %d probes)%n",
        injector.name(), before.wallOffsetMicros(), before.uncertaintyMicros(), before.probes());
    System.out.printf("tracklab: %s ready (writes keys %s, %d users); waiting for the controller's go%n",
        injector.name(), slice.count() == 1 ? "all" : "k % " + slice.count() + " == " + slice.index(), settings.users());
    if (injector.relay() != null && slice.count() > 1) {
      // from the first write of the load on; the preload's version 1 needs no acknowledgement elsewhere
      AckExchange exchange = new AckExchange(injector.name(), slice.count(), recorder, clock, injector.relay());
      acrossInjectors = exchange;
      resources.add(0, exchange);
    }
    try {
      injector.barrier().readyAndAwaitGo();
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
  public static java.util.Optional<TracklabRun> latest() {
    return java.util.Optional.ofNullable(current);
  }

  /** The run of this JVM that has not finished, if any (for progress and for stopping it). */
  public static java.util.Optional<TracklabRun> unfinished() {
    TracklabRun run = current;
    return run == null || run.finished ? java.util.Optional.empty() : java.util.Optional.of(run);
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
      chaos.start(loadStartNanos, ChaosListener.PRINTING.andThen(listener).andThen(auditAfterFailovers()));
    }
  }

  /** A failover fault done (or healed): the primary may have changed, audit for lost writes. */
  private ChaosListener auditAfterFailovers() {
    if (settings.topology() == TopologyKind.STANDALONE) {
      return new ChaosListener() {};
    }
    return new ChaosListener() {
      @Override
      public void injected(ScheduledFault fault, String node, Duration offset) {
        if (!(fault.fault() instanceof ToxicFault)) {
          auditor.primaryMayHaveChanged();
        }
      }

      @Override
      public void healed(ScheduledFault fault, Duration offset) {
        injected(fault, null, offset);
      }
    };
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
    return recorder.toResult(runId, startedEpochMillis, endNanos, settings.topology().label(),
        provisioner.name(), client.name(), List.of(injector == null ? hostName() : injector.name() + "@" + hostName()),
        interrupted, client.stats(), lost);
  }

  /** An injector's clock before, during and after its load, as result.json states it; none for a run of its own. */
  private java.util.Map<String, InjectorClock> clocks() {
    CommonClock common = clock;
    if (injector == null || common == null) {
      return java.util.Map.of();
    }
    try {
      common.reprobe();
    } catch (RuntimeException e) {
      // a primary that moved or stopped answering must not cost the result
      System.out.println("tracklab: the clock could not be probed again after the load: " + e.getMessage());
    }
    return java.util.Map.of(injector.name(), common.summary());
  }

  /**
   * The common clock: the {@code TIME} of the node that is primary before the load (one node
   * throughout: another machine's clock would be another clock), on the admin connection straight
   * to it (no proxy, so no fault of the run distorts it).
   */
  private java.util.function.LongSupplier primaryTime() {
    var admin = topology.admin(topology.currentPrimary(0).name());
    return () -> {
      List<String> time = admin.time();
      return Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
    };
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
      AckExchange exchange = acrossInjectors;
      if (exchange != null) {
        exchange.close(); // a last exchange: what the others acknowledged up to now judges what it can
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
      RunResult result = new RunResult(measured.schema(),
          measured.run().withSecurity(securityLabel(topology.security())).withClocks(clocks()), measured.histograms(),
          measured.counters(), measured.timeline(), verdicts);
      for (GateVerdict gate : result.gates()) {
        System.out.printf("tracklab gate %s %s: %s %s %s (measured %s)%n", gate.passed() ? "PASS" : "FAIL",
            gate.name(), gate.metric(), gate.comparison(), GateVerdict.format(gate.threshold()), GateVerdict.format(gate.measured()));
      }
      long outOfOrder = result.counters().getOrDefault("writes_out_of_order", 0L);
      if (outOfOrder > 0) {
        System.out.printf("tracklab: HARNESS FAULT: %,d writes reached Redis after a newer version of their key; "
            + "reads of those keys were judged against versions Redis no longer held (report it)%n", outOfOrder);
      }
      Path file = ResultFiles.pathFor(Path.of(System.getProperty("tracklab.results.dir", "target/tracklab")), runId);
      ResultFiles.write(file, result);
      System.out.printf("tracklab: result written to %s%n", file.toAbsolutePath());
      long operations = result.counters().getOrDefault("reads", 0L) + result.counters().getOrDefault("writes", 0L)
          + result.counters().getOrDefault("failed_reads", 0L) + result.counters().getOrDefault("failed_writes", 0L);
      System.out.printf("tracklab: %,d operations (%,d local hits) are in result.json; Gatling's report holds %s%n",
          operations, result.counters().getOrDefault("hits", 0L), reportRecordsPerSecond == 0
              ? "a record of each" : "a sample, about " + reportRecordsPerSecond + " a second of each kind "
                  + "(-Dreport.recordsPerSecond=0: every one, at a cost that grows with the request count)");
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
    String id = plan.runId() != null ? plan.runId() : RunPlan.runId(plan.name(), LocalDateTime.now());
    RunSettings settings = plan.settings();
    RunMetadata would = new RunMetadata(id, System.currentTimeMillis(), 0, settings.topology().label(),
        Provisioners.fromSystemProperties().name(), settings.client(), RunRecorder.describe(workloadOf(settings)),
        List.of(), List.of(hostName()), false).withSecurity(securityLabel(plan.security()));
    Path file = ResultFiles.pathFor(Path.of(System.getProperty("tracklab.results.dir", "target/tracklab")), id);
    ResultFiles.write(file, RunResult.unsupported(would, reason));
    System.out.printf("tracklab: %s UNSUPPORTED on %s: %s%n  result written to %s%n", settings.client(),
        settings.topology(), reason, file.toAbsolutePath());
    return file;
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
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

package io.tracklab.harness.probe;

import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheStats;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.harness.workload.WorkloadSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Everything a run measures, in one place: the load driver reports writes and reads here, the
 * near-cache reports to {@link #invalidationDelays()} (its listener), faults are marked as they
 * happen, and {@link #toResult} turns it all into a {@link RunResult}.
 *
 * <p>Thread-safe. Each reader id must be used by one thread at a time (monotonic reads).
 */
public final class RunRecorder {
  /** The newest acknowledgement so far: where a write outage that a fault starts begins. */
  private final AtomicLong lastAckNanos = new AtomicLong(Long.MIN_VALUE);
  private final WorkloadSpec workload;
  private final long startNanos;
  private final ConsistencyChecker checker;
  private final InvalidationDelayProbe invalidationDelays;
  private final LatencyProbe latency = new LatencyProbe();
  private final TimelineRecorder timeline;
  private final List<FaultMark> faults = new CopyOnWriteArrayList<>();
  private final LongAdder writes = new LongAdder();
  private final LongAdder failedWrites = new LongAdder();
  private final LongAdder hits = new LongAdder();
  private final LongAdder reads = new LongAdder();
  private final LongAdder unjudgedReads = new LongAdder();
  private final LongAdder foreignJudged = new LongAdder();
  /** Staleness ages of reads of other injectors' keys, in µs: what a slow link of this injector shows. */
  private final org.HdrHistogram.SynchronizedHistogram foreignStaleness = new org.HdrHistogram.SynchronizedHistogram(3);
  /** Reads of other injectors' keys waiting for their acknowledgements, or null while not judged. */
  private volatile ForeignReads foreign;
  /** Told of this run's own acknowledgements, for the other injectors (null: nobody listens). */
  private volatile AckSink ackSink;

  /** Where a distributed run's injector sends its own acknowledgements. */
  @FunctionalInterface
  public interface AckSink {
    void acked(int key, long version, long ackNanos);
  }
  private final KeySlice judged;
  private final LongAdder failedReads = new LongAdder();

  /**
   * @param timelineSeconds how many seconds the per-second series covers (the run's length)
   */
  public RunRecorder(WorkloadSpec workload, CheckerConfig checking, int timelineSeconds, long startNanos) {
    this(workload, checking, timelineSeconds, startNanos, KeySlice.ALL);
  }

  /**
   * One injector of several: it judges the reads of the keys it writes ({@code judged}); reads of
   * the others' keys are counted ({@code unjudged_reads}), not judged, since their versions'
   * acknowledgements happened in another process.
   */
  public RunRecorder(WorkloadSpec workload, CheckerConfig checking, int timelineSeconds, long startNanos,
      KeySlice judged) {
    this.workload = workload;
    this.judged = judged;
    this.startNanos = startNanos;
    this.checker = new ConsistencyChecker(checking, workload.keyPrefix());
    this.invalidationDelays = new InvalidationDelayProbe(workload.keys(), this::keyIndex);
    this.timeline = new TimelineRecorder(startNanos, timelineSeconds);
    this.invalidationDelays.feed(timeline);
  }

  /** The index of a key this recorder judges, else -1 (the invalidation-delay probe times only those). */
  private int keyIndex(String key) {
    if (!key.startsWith(workload.keyPrefix())) {
      return -1;
    }
    try {
      int index = Integer.parseInt(key, workload.keyPrefix().length(), key.length(), 10);
      return judged.owns(index) ? index : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The near-cache listener that times invalidations. */
  public InvalidationDelayProbe invalidationDelays() {
    return invalidationDelays;
  }

  public ConsistencyChecker checker() {
    return checker;
  }

  // ---- writes ----

  /** The version to write next to {@code key}; call right before sending it. */
  public long writeSending(int key, long sentNanos) {
    long version = checker.nextVersion(key);
    checker.writeSent(key, version, sentNanos);
    invalidationDelays.writeSent(key, sentNanos);
    return version;
  }

  /** The write of {@code version}, acknowledged, replaced {@code previousValue} (see {@link ConsistencyChecker#writeReplaced}). */
  public void writeReplaced(int key, long version, String previousValue) {
    checker.writeReplaced(key, version, previousValue);
  }

  /** A delete of {@code key} is about to be sent: its version (acknowledged or failed like a write's). */
  public long deleteSending(int key, long sentNanos) {
    long version = checker.nextVersion(key);
    checker.deleteSent(key, version, sentNanos);
    invalidationDelays.writeSent(key, sentNanos);
    return version;
  }

  /**
   * The write's reply arrived; stamp {@code ackNanos} where the reply is handled (the I/O
   * thread), not when a waiting thread wakes.
   *
   * @param node the node that acknowledged it, when known (failover timing)
   */
  public void writeAcked(int key, long version, long ackNanos, String node) {
    checker.writeAcked(key, version, ackNanos);
    AckSink sink = ackSink;
    if (sink != null) {
      sink.acked(key, version, ackNanos);
    }
    invalidationDelays.writeAcked(key, ackNanos);
    timeline.write(ackNanos);
    writes.increment();
    lastAckNanos.accumulateAndGet(ackNanos, (last, now) -> last == Long.MIN_VALUE || now - last > 0 ? now : last);
    for (FaultMark fault : faults) {
      if (fault.failover != null && fault.affects(key)) {
        fault.failover.writeAcked(ackNanos, node);
      }
    }
  }

  /**
   * Every key goes from the server without a write: {@code change} runs between the checker's
   * {@link ConsistencyChecker#keyspaceEmptying} and {@link ConsistencyChecker#keyspaceEmptied}
   * (or {@link ConsistencyChecker#keyspaceChangeFailed} when it throws).
   */
  public void keyspaceEmptied(Runnable change) {
    checker.keyspaceEmptying(System.nanoTime());
    try {
      change.run();
    } catch (RuntimeException | Error e) {
      checker.keyspaceChangeFailed();
      throw e;
    }
    checker.keyspaceEmptied(System.nanoTime());
  }

  /** The write's outcome is unknown (error or timeout). */
  public void writeFailed(int key, long version) {
    checker.writeFailed(key, version);
    failedWrites.increment();
  }

  // ---- reads ----

  /**
   * A read returned {@code value} ({@code local}: served by the near-cache without the network).
   */
  public ReadVerdict read(int reader, int key, long startNanos, long endNanos, String value, boolean local) {
    ReadVerdict verdict;
    if (judged.owns(key)) {
      verdict = checker.check(reader, key, startNanos, endNanos, value);
    } else {
      unjudgedReads.increment();
      verdict = ReadVerdict.UNJUDGED;
      ForeignReads waiting = foreign;
      if (waiting != null) {
        waiting.add(key % judged.count(), key, startNanos, endNanos, value);
      }
    }
    if (!local) {
      invalidationDelays.remoteRead(key, startNanos);
    }
    latency.read(startNanos, endNanos, local);
    timeline.read(endNanos, local, verdict.readClass());
    reads.increment();
    if (local) {
      hits.increment();
    }
    return verdict;
  }

  // ---- reads of other injectors' keys (docs/distributed.md) ----

  /**
   * From now on, this injector's own acknowledgements go to {@code sink}, and its reads of other
   * injectors' keys wait for those injectors' acknowledgements ({@link #foreignWriteAcked}) to be
   * judged ({@link #foreignWatermark}) instead of staying unjudged.
   */
  public void judgeAcrossInjectors(AckSink sink) {
    this.foreign = new ForeignReads(judged.count());
    this.ackSink = sink;
  }

  /** Another injector's write of {@code key} was acknowledged at {@code ackNanos} (this clock, moved later by the uncertainty). */
  public void foreignWriteAcked(int key, long version, long ackNanos) {
    checker.foreignWriteAcked(key, version, ackNanos);
  }

  /**
   * Every acknowledgement of injector {@code writer} (its slice index) before {@code watermarkNanos}
   * (this clock) is known: judges the reads of its keys that started before it.
   */
  public void foreignWatermark(int writer, long watermarkNanos) {
    ForeignReads waiting = foreign;
    if (waiting == null) {
      return;
    }
    waiting.judgeUpTo(writer, watermarkNanos, (key, start, end, value) -> {
      ReadVerdict verdict = checker.checkForeign(key, start, end, value);
      if (verdict.readClass() != ReadClass.UNJUDGED) {
        unjudgedReads.decrement();
        foreignJudged.increment();
      }
      if (verdict.readClass() == ReadClass.STALE) {
        foreignStaleness.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(verdict.staleAgeNanos())));
      }
    });
  }

  /** A read that returned no value: an error or a timeout. */
  public void readFailed() {
    failedReads.increment();
  }

  /** Reads served locally so far, as a fraction of all reads (0 before the first read). */
  public double hitRatio() {
    long all = reads.sum();
    return all == 0 ? 0 : (double) hits.sum() / all;
  }

  /**
   * Counts so far, cheap enough to ask every second while the load runs.
   *
   * @param stale reads that returned an older version than one acknowledged before they started
   * @param violations stale reads older than the bound (held ones not yet included)
   */
  public record Progress(long reads, long hits, long writes, long failedReads, long failedWrites, long stale,
      long violations) {
    public long operations() {
      return reads + writes;
    }

    /** The counts since {@code base} was taken (e.g. without a preload's writes). */
    public Progress since(Progress base) {
      return new Progress(reads - base.reads, hits - base.hits, writes - base.writes,
          failedReads - base.failedReads, failedWrites - base.failedWrites, stale - base.stale,
          violations - base.violations);
    }
  }

  public Progress progress() {
    return new Progress(reads.sum(), hits.sum(), writes.sum(), failedReads.sum(), failedWrites.sum(),
        checker.staleReads(), checker.violations());
  }

  // ---- faults ----

  /**
   * A fault was injected now. Failover-type faults (kill, partition, failover) get a
   * {@link FailoverProbe}, told about the primary before the fault.
   *
   * @param affected the keys (by name) whose writes time the failover; null: all. On a Cluster,
   *     the keys of the slots that change primary, while writes to the other primaries go on
   * @return a handle to mark the heal and topology events with
   */
  public FaultMark faultStarted(String kind, String target, Map<String, Object> parameters, long nanos,
      boolean timesFailover, String primaryBefore, Predicate<String> affected) {
    FailoverProbe failover = timesFailover ? new FailoverProbe(nanos, primaryBefore) : null;
    long lastAck = lastAckNanos.get();
    if (failover != null && lastAck != Long.MIN_VALUE) {
      failover.writeAcked(lastAck, primaryBefore); // the outage runs from the last write before the fault
    }
    boolean[] keys = null;
    if (affected != null) {
      keys = new boolean[workload.keys()];
      for (int key = 0; key < keys.length; key++) {
        keys[key] = affected.test(workload.key(key));
      }
    }
    FaultMark mark = new FaultMark(kind, target, parameters, nanos, failover, keys);
    faults.add(mark);
    return mark;
  }

  /** A topology event (new epoch, primary change, slots moved) at {@code nanos}. */
  public void topologyEvent(long nanos) {
    for (FaultMark fault : faults) {
      if (fault.failover != null) {
        fault.failover.topologyEvent(nanos);
      }
    }
  }

  /** One injected fault, healed later (or not). */
  public static final class FaultMark {
    final String kind;
    final String target;
    final Map<String, Object> parameters;
    final long startedNanos;
    final FailoverProbe failover;
    private final boolean[] affectedKeys; // null: every key
    volatile long healedNanos = Long.MIN_VALUE;

    FaultMark(String kind, String target, Map<String, Object> parameters, long startedNanos, FailoverProbe failover,
        boolean[] affectedKeys) {
      this.kind = kind;
      this.target = target;
      this.parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
      this.startedNanos = startedNanos;
      this.failover = failover;
      this.affectedKeys = affectedKeys;
    }

    boolean affects(int key) {
      return affectedKeys == null || affectedKeys[key];
    }

    public void healed(long nanos) {
      healedNanos = nanos;
    }
  }

  // ---- the result ----

  /**
   * The run as a {@link RunResult}.
   *
   * @param cache the near-cache's counters, or null for clients without one
   * @param lost the lost-writes audit, or null when it was not done
   */
  public RunResult toResult(String runId, long startedAtEpochMillis, long endNanos, String topology,
      String provisioner, String client, List<String> injectors, boolean interrupted, NearCacheStats cache,
      ConsistencyChecker.LostWrites lost) {
    ConsistencyChecker.CheckerReport report = checker.report();
    Map<String, MetricHistogram> histograms = new TreeMap<>();
    histograms.put("staleness_age_us", MetricHistogram.of("us", report.stalenessAgeMicros()));
    histograms.put("visible_after_write_us", MetricHistogram.of("us", report.visibleAfterMicros()));
    histograms.put("stale_after_write_us", MetricHistogram.of("us", report.invisibleAfterMicros()));
    Histogram[] delays = invalidationDelays.histograms();
    histograms.put("invalidation_delay_us", MetricHistogram.of("us", delays[0], delays[1]));
    histograms.put("local_read_ns", MetricHistogram.of("ns", latency.localNanos()));
    histograms.put("remote_read_us", MetricHistogram.of("us", latency.remoteMicros()));
    if (judged.count() > 1) {
      histograms.put("staleness_across_injectors_us", MetricHistogram.of("us", foreignStaleness.copy()));
    }
    Histogram failovers = new Histogram(3);
    List<FaultRecord> faultRecords = new ArrayList<>();
    for (FaultMark fault : faults) {
      Map<String, Object> parameters = new TreeMap<>(fault.parameters);
      if (fault.failover != null) {
        FailoverProbe.Failover measured = fault.failover.result();
        parameters.put("failoverMillis", millis(measured.failoverNanos()));
        parameters.put("detectionMillis", millis(measured.detectionNanos()));
        parameters.put("longestWriteOutageMillis", millis(measured.longestWriteOutageNanos()));
        if (measured.failoverNanos() >= 0) {
          failovers.recordValue(TimeUnit.NANOSECONDS.toMillis(measured.failoverNanos()));
        }
      }
      faultRecords.add(new FaultRecord(fault.kind, fault.target, millis(fault.startedNanos - startNanos),
          fault.healedNanos == Long.MIN_VALUE ? null : millis(fault.healedNanos - startNanos), parameters));
    }
    if (failovers.getTotalCount() > 0) {
      histograms.put("failover_ms", MetricHistogram.of("ms", failovers));
    }

    Map<String, Long> counters = new TreeMap<>();
    counters.put("reads", report.reads() + unjudgedReads.sum());
    if (judged.count() > 1) {
      counters.put("unjudged_reads", unjudgedReads.sum());
      counters.put("reads_judged_across_injectors", foreignJudged.sum());
    }
    counters.put("writes", writes.sum());
    counters.put("failed_writes", failedWrites.sum());
    counters.put("failed_reads", failedReads.sum());
    counters.put("hits", hits.sum());
    counters.put("misses", report.reads() + unjudgedReads.sum() - hits.sum());
    counters.put("fresh_reads", report.fresh());
    counters.put("concurrent_reads", report.concurrent());
    counters.put("stale_reads", report.stale());
    counters.put("violations", report.violations());
    counters.put("stale_reads_after_lost_writes", report.staleAfterLostWrites());
    counters.put("regressions", report.regressions());
    counters.put("corrupt_reads", report.corrupt());
    counters.put("reads_beyond_history", report.beyondHistory());
    counters.put("writes_out_of_order", report.writesOutOfOrder());
    if (lost != null) {
      counters.put("lost_keys", lost.keysWithLostWrites());
      counters.put("lost_versions", lost.versionsLost());
    }
    if (cache != null) {
      counters.put("invalidations", cache.invalidationsReceived());
      counters.put("heartbeat_misses", cache.heartbeatMisses());
      counters.put("hits_refused_unhealthy", cache.hitsRefusedUnhealthy());
      counters.put("evictions", cache.evictions());
      for (Map.Entry<FlushReason, Long> flush : cache.flushes().entrySet()) {
        counters.put("flushes_" + flush.getKey().name().toLowerCase(Locale.ROOT), flush.getValue());
      }
    }
    RunMetadata run = new RunMetadata(runId, startedAtEpochMillis, millis(endNanos - startNanos), topology,
        provisioner, client, describe(workload), faultRecords, injectors, interrupted);
    return new RunResult(RunResult.SCHEMA, run, histograms, counters, timeline.points(endNanos), List.of());
  }

  /** The workload as result.json's {@code run.workload} says it. */
  public static Map<String, Object> describe(WorkloadSpec workload) {
    Map<String, Object> settings = new TreeMap<>();
    settings.put("keys", workload.keys());
    settings.put("distribution", workload.distribution().describe());
    settings.put("readRatio", workload.readRatio());
    settings.put("valueSize", workload.valueSize());
    settings.put("writers", workload.writers());
    settings.put("readers", workload.readers());
    settings.put("targetRate", workload.targetRate());
    if (workload.expiry().any()) {
      settings.put("expiringKeys", workload.expiry().share());
      settings.put("keyTtlMillis", workload.expiry().ttl().toMillis());
    }
    return settings;
  }

  private static long millis(long nanos) {
    return nanos < 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}

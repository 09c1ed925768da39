package io.tracklab.harness.probe;

import io.tracklab.harness.workload.VersionedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Checks every read against the writes acknowledged around it, online and in bounded memory,
 * by the definitions of DESIGN.md section 4:
 *
 * <ul>
 *   <li>a read of version {@code v} of key {@code k} that started at {@code ts} is <b>stale</b>
 *       when a version {@code v' > v} was acknowledged before {@code ts}; its <b>age</b> is
 *       {@code ts - min ack(v')} over those versions;
 *   <li>a stale read older than the configured bound is a <b>violation</b>;
 *   <li>a reader that sees a key's version go down has a <b>regression</b> (monotonic reads);
 *   <li>a value the harness never wrote (unreadable, another key's, a version never handed out)
 *       is <b>corrupt</b>;
 *   <li>after the run, {@link #audit} reads every key straight from the primaries: a key whose
 *       stored version is below its highest acknowledged one <b>lost writes</b>.
 * </ul>
 *
 * <p>Memory: per key, the last {@code history} acknowledged versions with their times, the
 * newest version sent and when, in flat arrays (no object per key); per reader, the last version
 * seen of each key, allocated when the reader first reads. A read further behind than the
 * history is still classified exactly when the evidence allows, and counted in
 * {@code beyondHistory} otherwise.
 *
 * <p>Concurrency: writers and readers call in from many threads. Per-key state is guarded by one
 * of {@value #STRIPES} lock stripes, held for a few array reads; each reader id must be used by
 * one thread at a time (its last-seen array is not shared).
 */
public final class ConsistencyChecker {
  private static final int STRIPES = 1024;

  private final CheckerConfig config;
  private final IntFunction<String> keyName;
  private final int history;
  private final long boundNanos;
  private final Object[] stripes = new Object[STRIPES];

  private final AtomicLongArray handedOut;
  private final long[] ringVersions;
  private final long[] ringAcks;
  private final int[] ringHead;
  private final int[] ringSize;
  private final long[] highestAcked;
  private final long[] evictedMaxVersion;
  private final long[] evictedLastAck;
  private final long[] newestSentVersion;
  private final long[] newestSentNanos;
  private final long[][] lastSeenByReader;
  private final Map<Integer, Set<Long>> unacknowledged = new ConcurrentHashMap<>();

  private final LongAdder fresh = new LongAdder();
  private final LongAdder concurrent = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder violations = new LongAdder();
  private final LongAdder regressions = new LongAdder();
  private final LongAdder corrupt = new LongAdder();
  private final LongAdder beyondHistory = new LongAdder();
  private final LongAdder writesAcked = new LongAdder();
  private final Recorder stalenessMicros = new Recorder(3);
  private final Histogram stalenessTotal = new Histogram(3);

  public ConsistencyChecker(CheckerConfig config, IntFunction<String> keyName) {
    this.config = config;
    this.keyName = keyName;
    this.history = config.history();
    this.boundNanos = config.stalenessBound().toNanos();
    int keys = config.keys();
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    handedOut = new AtomicLongArray(keys);
    ringVersions = new long[keys * history];
    ringAcks = new long[keys * history];
    ringHead = new int[keys];
    ringSize = new int[keys];
    highestAcked = new long[keys];
    evictedMaxVersion = new long[keys];
    evictedLastAck = new long[keys];
    newestSentVersion = new long[keys];
    newestSentNanos = new long[keys];
    lastSeenByReader = new long[config.readers()][];
  }

  private Object stripe(int key) {
    return stripes[key & (STRIPES - 1)];
  }

  // ---- writes ----

  /** The next version of {@code key} (1, 2, ...): what a writer must write. */
  public long nextVersion(int key) {
    return handedOut.incrementAndGet(key);
  }

  /** A write of {@code version} was sent at {@code sentNanos}. */
  public void writeSent(int key, long version, long sentNanos) {
    synchronized (stripe(key)) {
      if (version > newestSentVersion[key]) {
        newestSentVersion[key] = version;
        newestSentNanos[key] = sentNanos;
      }
    }
  }

  /** Its reply arrived at {@code ackNanos}: from now on, older versions are stale. */
  public void writeAcked(int key, long version, long ackNanos) {
    writesAcked.increment();
    synchronized (stripe(key)) {
      int base = key * history;
      int slot = ringHead[key];
      if (ringSize[key] == history) {
        long evicted = ringVersions[base + slot];
        if (evicted > evictedMaxVersion[key]) {
          evictedMaxVersion[key] = evicted;
          evictedLastAck[key] = ringAcks[base + slot];
        }
      } else {
        ringSize[key]++;
      }
      ringVersions[base + slot] = version;
      ringAcks[base + slot] = ackNanos;
      ringHead[key] = slot + 1 == history ? 0 : slot + 1;
      if (version > highestAcked[key]) {
        highestAcked[key] = version;
      }
    }
  }

  /** The write's outcome is unknown (error, timeout): it may or may not have been applied. */
  public void writeFailed(int key, long version) {
    unacknowledged.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(version);
  }

  // ---- reads ----

  /**
   * Classifies a read and records it.
   *
   * @param reader the reader's id (0..readers-1) for monotonic reads; -1 to skip that check
   * @param value what the read returned (null: the key did not exist, version 0)
   */
  public ReadClass readReturned(int reader, int key, long startNanos, long endNanos, String value) {
    long version;
    if (value == null) {
      version = 0;
    } else {
      VersionedValue parsed;
      try {
        parsed = VersionedValue.decode(value);
      } catch (IllegalArgumentException e) {
        corrupt.increment();
        return ReadClass.CORRUPT;
      }
      if (!parsed.key().equals(keyName.apply(key)) || parsed.version() > handedOut.get(key)) {
        corrupt.increment();
        return ReadClass.CORRUPT;
      }
      version = parsed.version();
    }
    ReadClass verdict = classify(key, version, startNanos, endNanos);
    if (reader >= 0) {
      checkMonotonic(reader, key, version);
    }
    return verdict;
  }

  private ReadClass classify(int key, long version, long startNanos, long endNanos) {
    long minNewerAck = Long.MAX_VALUE;
    boolean behindHistory;
    long evictedAck;
    long sentVersion;
    long sentNanos;
    synchronized (stripe(key)) {
      int base = key * history;
      for (int i = 0; i < ringSize[key]; i++) {
        if (ringVersions[base + i] > version && ringAcks[base + i] < minNewerAck) {
          minNewerAck = ringAcks[base + i];
        }
      }
      behindHistory = evictedMaxVersion[key] > version;
      evictedAck = evictedLastAck[key];
      sentVersion = newestSentVersion[key];
      sentNanos = newestSentNanos[key];
    }
    if (behindHistory) {
      // A forgotten version newer than this one was acknowledged at evictedAck at the latest.
      minNewerAck = Math.min(minNewerAck, evictedAck);
    }
    if (minNewerAck - startNanos < 0) {
      long age = startNanos - minNewerAck;
      stale.increment();
      stalenessMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(age)));
      if (age > boundNanos) {
        violations.increment();
      }
      return ReadClass.STALE;
    }
    if (behindHistory) {
      beyondHistory.increment(); // older forgotten versions may have been acknowledged earlier
    }
    if (sentVersion > version && sentNanos - endNanos < 0) {
      concurrent.increment();
      return ReadClass.CONCURRENT;
    }
    fresh.increment();
    return ReadClass.FRESH;
  }

  private void checkMonotonic(int reader, int key, long version) {
    long[] seen = lastSeenByReader[reader];
    if (seen == null) {
      seen = new long[config.keys()];
      lastSeenByReader[reader] = seen;
    }
    if (version < seen[key]) {
      regressions.increment();
    } else {
      seen[key] = version;
    }
  }

  // ---- after the run ----

  /** What {@link #audit} found. */
  public record LostWrites(long keysChecked, long keysWithLostWrites, long versionsLost, List<LostKey> lost) {}

  /** A key whose stored version is below its highest acknowledged one. */
  public record LostKey(int key, long storedVersion, long highestAcknowledged, long versionsLost) {}

  /**
   * Reads every key straight from the primaries (not through any cache) with
   * {@code readFromPrimary} and compares its stored version with the highest acknowledged one.
   * Versions lost are the acknowledged versions above the stored one (writes with an unknown
   * outcome are not counted as lost).
   */
  public LostWrites audit(IntFunction<String> readFromPrimary) {
    long checked = 0;
    long versionsLost = 0;
    List<LostKey> lost = new ArrayList<>();
    for (int key = 0; key < config.keys(); key++) {
      long acked;
      synchronized (stripe(key)) {
        acked = highestAcked[key];
      }
      if (acked == 0) {
        continue;
      }
      checked++;
      String value = readFromPrimary.apply(key);
      long stored;
      try {
        stored = value == null ? 0 : VersionedValue.decode(value).version();
      } catch (IllegalArgumentException e) {
        stored = 0;
      }
      if (stored < acked) {
        long unknown = 0;
        for (long version : unacknowledged.getOrDefault(key, Set.of())) {
          if (version > stored && version <= acked) {
            unknown++;
          }
        }
        long missing = acked - stored - unknown;
        if (missing > 0) {
          lost.add(new LostKey(key, stored, acked, missing));
          versionsLost += missing;
        }
      }
    }
    return new LostWrites(checked, lost.size(), versionsLost, List.copyOf(lost));
  }

  /** Counters and the staleness-age distribution so far. */
  public synchronized CheckerReport report() {
    stalenessTotal.add(stalenessMicros.getIntervalHistogram());
    return new CheckerReport(fresh.sum(), concurrent.sum(), stale.sum(), violations.sum(), regressions.sum(),
        corrupt.sum(), beyondHistory.sum(), writesAcked.sum(), stalenessTotal.copy());
  }

  /**
   * A snapshot of the checker.
   *
   * @param stalenessAgeMicros ages of stale reads, microseconds
   */
  public record CheckerReport(long fresh, long concurrent, long stale, long violations, long regressions,
      long corrupt, long beyondHistory, long writesAcknowledged, Histogram stalenessAgeMicros) {
    public long reads() {
      return fresh + concurrent + stale + corrupt;
    }
  }
}

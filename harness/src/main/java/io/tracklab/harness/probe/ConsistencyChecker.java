package io.tracklab.harness.probe;

import io.tracklab.harness.workload.KeyExpiry;
import io.tracklab.harness.workload.VersionedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
 *   <li>during the run (after a failover), {@link #auditDuringRun} does the same, and the versions
 *       it finds lost stop counting as "acknowledged" for the reads after it: the primary no
 *       longer has them, so a reader returning what the primary has is not stale for missing them.
 *       The audit reads the primary the topology names, never through the client under test, so
 *       a client reading from the wrong node is still caught. Those versions are counted as lost.
 * </ul>
 *
 * <p>Expiring keys ({@link CheckerConfig#expiry}: every write of such a key carries
 * {@code PX ttl}): a version acknowledged at {@code a} is gone from the server by {@code a + ttl}
 * at the latest, so a read that returns it and started later is stale by the time since then,
 * as if the expiry were a newer version acknowledged at {@code a + ttl}. A read that finds no
 * value returned the expiry of the newest version that could have expired before the read ended
 * (sent at least {@code ttl} before), else of the one before it; so no value is stale only where
 * the newest version, acknowledged before the read, cannot have expired yet. An audit that finds
 * no value takes it as that expiry the same way, and {@code SET .. GET} finding none is taken as
 * the previous version's expiry: a lost write of an expiring key is caught only while its value
 * could not have expired.
 *
 * <p>Memory: per key, the last {@code history} acknowledged versions with their times, the
 * newest version sent and when, one record of longs per key in one flat array (no object per
 * key; 144 bytes a key with a history of 4); per reader, the last version seen of each key,
 * allocated when the reader first reads. A read further behind than the
 * history is still classified exactly when the evidence allows, and counted in
 * {@code beyondHistory} otherwise.
 *
 * <p>Concurrency: writers and readers call in from many threads. Per-key state is guarded by one
 * of {@value #STRIPES} lock stripes, held for a few array reads; each reader id must be used by
 * one thread at a time (its last-seen array is not shared).
 */
public final class ConsistencyChecker {
  private static final int STRIPES = 1024;

  // Per-key state, one record of STRIDE longs per key in one array, so a read or a write touches
  // one or two cache lines instead of one per field:
  private static final int HIGHEST_ACKED = 0;
  private static final int EVICTED_MAX_VERSION = 1;
  private static final int EVICTED_LAST_ACK = 2;
  private static final int NEWEST_SENT_VERSION = 3;
  private static final int NEWEST_SENT_NANOS = 4;
  private static final int RING_HEAD_AND_SIZE = 5; // head in the low 32 bits, size in the high
  private static final int DELETE_VERSION = 6; // the newest delete sent
  private static final int DELETE_SENT_NANOS = 7;
  private static final int PREVIOUS_DELETE_VERSION = 8; // the one before it
  private static final int RING = 9; // then `history` (version, ack) pairs

  private final CheckerConfig config;
  private final String keyPrefix;
  private final int history;
  private final int stride;
  private final long boundNanos;
  private final KeyExpiry expiry;
  private final long ttlNanos;
  private final Object[] stripes = new Object[STRIPES];

  private final AtomicLongArray handedOut;
  private final long[] state;
  private final long[][] lastSeenByReader;
  private final Map<Integer, Set<Long>> unacknowledged = new ConcurrentHashMap<>();
  /** Per key, the versions an audit during the run found lost (rare: after failovers only). */
  private final Map<Integer, Set<Long>> lostDuringRun = new ConcurrentHashMap<>();

  private final LongAdder fresh = new LongAdder();
  private final LongAdder concurrent = new LongAdder();
  private final LongAdder stale = new LongAdder();
  private final LongAdder violations = new LongAdder();
  private final LongAdder staleAfterLostWrites = new LongAdder();
  private volatile HeldViolations held;
  private final LongAdder regressions = new LongAdder();
  private final LongAdder corrupt = new LongAdder();
  private final LongAdder beyondHistory = new LongAdder();
  private final LongAdder writesOutOfOrder = new LongAdder();
  private final LongAdder writesAcked = new LongAdder();
  private final Recorder stalenessMicros = new Recorder(3);
  private final Histogram stalenessTotal = new Histogram(3);
  // t-visibility (Bailis et al., PBS, 2012): reads by the time since the newest write acknowledged
  // before they started, split by whether they returned that write (or a newer one)
  private final Recorder visibleAfterMicros = new Recorder(2);
  private final Recorder invisibleAfterMicros = new Recorder(2);
  private final Histogram visibleAfterTotal = new Histogram(2);
  private final Histogram invisibleAfterTotal = new Histogram(2);

  /**
   * @param keyPrefix keys are named {@code keyPrefix + index}, as {@code WorkloadSpec.key} does
   */
  public ConsistencyChecker(CheckerConfig config, String keyPrefix) {
    this.config = config;
    this.keyPrefix = keyPrefix;
    this.history = config.history();
    this.stride = RING + 2 * history;
    this.boundNanos = config.stalenessBound().toNanos();
    this.expiry = config.expiry();
    this.ttlNanos = expiry.ttl().toNanos();
    int keys = config.keys();
    for (int i = 0; i < STRIPES; i++) {
      stripes[i] = new Object();
    }
    handedOut = new AtomicLongArray(keys);
    state = new long[Math.multiplyExact(keys, stride)];
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
    int at = key * stride;
    synchronized (stripe(key)) {
      if (version > state[at + NEWEST_SENT_VERSION]) {
        state[at + NEWEST_SENT_VERSION] = version;
        state[at + NEWEST_SENT_NANOS] = sentNanos;
      }
    }
  }

  /**
   * A delete ({@code DEL}) was sent at {@code sentNanos}, as {@code version} of the key (a
   * version from {@link #nextVersion} like a write's; acknowledged, failed and lost the same way).
   * A read that finds no value is taken to return the newest delete sent before the read ended
   * (the one before that when the newest was sent later), or version 0 when there was none.
   */
  public void deleteSent(int key, long version, long sentNanos) {
    writeSent(key, version, sentNanos);
    int at = key * stride;
    synchronized (stripe(key)) {
      if (version > state[at + DELETE_VERSION]) {
        state[at + PREVIOUS_DELETE_VERSION] = state[at + DELETE_VERSION];
        state[at + DELETE_VERSION] = version;
        state[at + DELETE_SENT_NANOS] = sentNanos;
      }
    }
  }

  /** The version a read that found no value returned (see {@link #deleteSent}). */
  private long absentVersion(int key, long endNanos) {
    int at = key * stride;
    synchronized (stripe(key)) {
      return state[at + DELETE_SENT_NANOS] - endNanos <= 0 ? state[at + DELETE_VERSION]
          : state[at + PREVIOUS_DELETE_VERSION];
    }
  }

  /**
   * Every key is about to go from the server by a change no write of the harness makes (SWAPDB
   * with an empty database, FLUSHALL), sent at {@code sentNanos}: each key takes a delete's
   * version, sent now, acknowledged by {@link #keyspaceEmptied} once the change returns. Told
   * before the change is sent, not after it returned: a read that finds no value while the
   * change runs is then judged against it, not against the write the change removed. The caller
   * must keep writes from crossing the change (a {@code WriteFence}): versions order a key's
   * writes only when each is wholly before or after it.
   */
  public void keyspaceEmptying(long sentNanos) {
    for (int key = 0; key < config.keys(); key++) {
      deleteSent(key, nextVersion(key), sentNanos);
    }
  }

  /**
   * The change {@link #keyspaceEmptying} announced returned at {@code ackNanos}: a read of an
   * older value after it is stale and the audit expects no value.
   */
  public void keyspaceEmptied(long ackNanos) {
    for (int key = 0; key < config.keys(); key++) {
      acknowledge(key, newestDeleteVersion(key), ackNanos); // no write crossed the change
    }
  }

  /** The change {@link #keyspaceEmptying} announced failed: it may or may not have emptied the keys. */
  public void keyspaceChangeFailed() {
    for (int key = 0; key < config.keys(); key++) {
      writeFailed(key, newestDeleteVersion(key));
    }
  }

  /** The newest delete sent of {@code key} (0: none): a keyspace change's, or the workload's. */
  private long newestDeleteVersion(int key) {
    synchronized (stripe(key)) {
      return state[key * stride + DELETE_VERSION];
    }
  }

  /** Its reply arrived at {@code ackNanos}: from now on, older versions are stale. */
  public void writeAcked(int key, long version, long ackNanos) {
    writesAcked.increment();
    acknowledge(key, version, ackNanos);
  }

  /**
   * A write of another injector (the key's one writer) was acknowledged at {@code ackNanos}, on
   * this process's clock and already moved later by the two clocks' combined uncertainty: a read
   * is then stale against it only beyond that uncertainty. Its send time is not known here.
   */
  public void foreignWriteAcked(int key, long version, long ackNanos) {
    long known;
    do {
      known = handedOut.get(key);
    } while (version > known && !handedOut.compareAndSet(key, known, version));
    acknowledge(key, version, ackNanos);
  }

  /**
   * Judges a read of another injector's key once every acknowledgement its writer made before the
   * read started is known here ({@link #foreignWriteAcked}). A version newer than any known was
   * sent and not yet acknowledged when it was read: concurrent, not corrupt. Version 1 is known
   * before any acknowledgement arrives: every writer preloads it before the load starts. A read
   * that found no value is not judged (the writer's deletes do not travel), nor is the monotonic
   * order.
   *
   * @return the verdict, or {@link ReadVerdict#UNJUDGED} for a read that found no value
   */
  public ReadVerdict checkForeign(int key, long startNanos, long endNanos, String value) {
    if (value == null) {
      return ReadVerdict.UNJUDGED;
    }
    long version = versionOf(value, key);
    if (version < 0) {
      corrupt.increment();
      return ReadVerdict.CORRUPT;
    }
    if (version > Math.max(1, handedOut.get(key))) {
      concurrent.increment();
      return ReadVerdict.CONCURRENT;
    }
    return classify(key, version, startNanos, endNanos, expiry.expires(key));
  }

  private void acknowledge(int key, long version, long ackNanos) {
    int at = key * stride;
    synchronized (stripe(key)) {
      long headAndSize = state[at + RING_HEAD_AND_SIZE];
      int slot = (int) headAndSize;
      int size = (int) (headAndSize >>> 32);
      int entry = at + RING + 2 * slot;
      if (size == history) {
        long evicted = state[entry];
        if (evicted > state[at + EVICTED_MAX_VERSION]) {
          state[at + EVICTED_MAX_VERSION] = evicted;
          state[at + EVICTED_LAST_ACK] = state[entry + 1];
        }
      } else {
        size++;
      }
      state[entry] = version;
      state[entry + 1] = ackNanos;
      state[at + RING_HEAD_AND_SIZE] = ((long) size << 32) | (slot + 1 == history ? 0 : slot + 1);
      if (version > state[at + HIGHEST_ACKED]) {
        state[at + HIGHEST_ACKED] = version;
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
    return check(reader, key, startNanos, endNanos, value).readClass();
  }

  /** {@link #readReturned}, with the staleness age of a stale read. */
  public ReadVerdict check(int reader, int key, long startNanos, long endNanos, String value) {
    boolean expires = expiry.expires(key);
    long version = value != null ? versionOf(value, key)
        : expires ? expiredVersion(key, endNanos) : absentVersion(key, endNanos);
    if (version < 0 || version > handedOut.get(key)) {
      corrupt.increment();
      return ReadVerdict.CORRUPT;
    }
    ReadVerdict verdict = classify(key, version, startNanos, endNanos, expires && value != null);
    if (reader >= 0) {
      checkMonotonic(reader, key, version);
    }
    return verdict;
  }

  /**
   * The version an expiring key found without a value by {@code atNanos} stands for (a read that
   * ended then, an audit's read; see the class comment): the newest version sent when it could
   * have expired by then (sent at least ttl before), else the one before it, or the newest
   * delete when newer.
   */
  private long expiredVersion(int key, long atNanos) {
    long deleted = absentVersion(key, atNanos);
    int at = key * stride;
    long newest;
    long sentNanos;
    synchronized (stripe(key)) {
      newest = state[at + NEWEST_SENT_VERSION];
      sentNanos = state[at + NEWEST_SENT_NANOS];
    }
    if (newest == 0) {
      return deleted;
    }
    return sentNanos + ttlNanos - atNanos <= 0 ? newest : Math.max(deleted, newest - 1);
  }

  /**
   * The version in a value written for {@code key} ({@code <prefix><key>|<version>|<writer>|..}),
   * or -1 when it is not one: parsed in place, without allocating, as this runs for every read.
   */
  private long versionOf(String value, int key) {
    int length = value.length();
    if (!value.startsWith(keyPrefix)) {
      return -1;
    }
    int i = keyPrefix.length();
    long index = 0;
    int digits = 0;
    for (; i < length && value.charAt(i) != '|'; i++, digits++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9' || digits > 10) {
        return -1;
      }
      index = index * 10 + (c - '0');
    }
    if (digits == 0 || index != key || i == length) {
      return -1;
    }
    long version = 0;
    digits = 0;
    for (i++; i < length && value.charAt(i) != '|'; i++, digits++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9' || digits > 18) {
        return -1;
      }
      version = version * 10 + (c - '0');
    }
    if (digits == 0 || i == length) {
      return -1;
    }
    digits = 0;
    for (i++; i < length && value.charAt(i) != '|'; i++, digits++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9' || digits > 9) {
        return -1;
      }
    }
    if (digits == 0 || i == length) {
      return -1;
    }
    for (i++; i < length; i++) {
      if (value.charAt(i) != '.') {
        return -1;
      }
    }
    return version;
  }

  /** @param expiresAfterAck the read returned a value of an expiring key: it was gone by its ack + ttl */
  private ReadVerdict classify(int key, long version, long startNanos, long endNanos, boolean expiresAfterAck) {
    long minNewerAck = Long.MAX_VALUE;
    long ownAck = Long.MIN_VALUE;
    long latestAckBefore = Long.MIN_VALUE;
    long newestMissed = 0;
    boolean behindHistory;
    long evictedAck;
    long sentVersion;
    long sentNanos;
    int at = key * stride;
    synchronized (stripe(key)) {
      int size = (int) (state[at + RING_HEAD_AND_SIZE] >>> 32);
      for (int entry = at + RING, end = entry + 2 * size; entry < end; entry += 2) {
        long ack = state[entry + 1];
        if (ack - startNanos < 0 && (latestAckBefore == Long.MIN_VALUE || ack - latestAckBefore > 0)) {
          latestAckBefore = ack;
        }
        if (state[entry] == version) {
          ownAck = ack;
        }
        if (state[entry] > version) {
          if (state[entry + 1] < minNewerAck) {
            minNewerAck = state[entry + 1];
          }
          if (state[entry + 1] - startNanos < 0 && state[entry] > newestMissed) {
            newestMissed = state[entry];
          }
        }
      }
      behindHistory = state[at + EVICTED_MAX_VERSION] > version;
      if (behindHistory) {
        newestMissed = Math.max(newestMissed, state[at + EVICTED_MAX_VERSION]);
      }
      evictedAck = state[at + EVICTED_LAST_ACK];
      sentVersion = state[at + NEWEST_SENT_VERSION];
      sentNanos = state[at + NEWEST_SENT_NANOS];
    }
    if (behindHistory) {
      // A forgotten version newer than this one was acknowledged at evictedAck at the latest.
      minNewerAck = Math.min(minNewerAck, evictedAck);
    }
    if (expiresAfterAck && ownAck != Long.MIN_VALUE && ownAck + ttlNanos < minNewerAck) {
      minNewerAck = ownAck + ttlNanos; // its expiry, a "newer version" no write made
    }
    boolean isStale = minNewerAck - startNanos < 0;
    if (latestAckBefore != Long.MIN_VALUE) {
      (isStale ? invisibleAfterMicros : visibleAfterMicros).recordValue(
          TimeUnit.NANOSECONDS.toMicros(startNanos - latestAckBefore));
    }
    if (isStale) {
      long age = startNanos - minNewerAck;
      stale.increment();
      HeldViolations holding = held;
      if (age > boundNanos && holding != null && holding.hold(key, version, newestMissed, startNanos, age)) {
        return new ReadVerdict(ReadClass.STALE, age, true);
      }
      recordStaleness(age);
      return new ReadVerdict(ReadClass.STALE, age);
    }
    if (behindHistory) {
      beyondHistory.increment(); // older forgotten versions may have been acknowledged earlier
    }
    if (sentVersion > version && sentNanos - endNanos < 0) {
      concurrent.increment();
      return ReadVerdict.CONCURRENT;
    }
    fresh.increment();
    return ReadVerdict.FRESH;
  }

  private void recordStaleness(long ageNanos) {
    stalenessMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(ageNanos)));
    if (ageNanos > boundNanos) {
      violations.increment();
    }
  }

  /** Told of held reads as their verdicts come (see {@link #holdViolations}). */
  public interface HeldReadListener {
    /** A held read is a violation after all. */
    void violation(int key, long ageNanos);

    /** A held read missed only writes a failover lost: not counted as a violation. */
    default void excused(int key, long ageNanos) {}
  }

  /**
   * From now on, a stale read beyond the bound is held up to {@code window} (at most
   * {@code capacity} at a time) instead of counting at once as a violation: an
   * {@link #auditDuringRun} in that time that finds every version it missed lost excuses it
   * (counted in {@code staleAfterLostWrites}, not in violations nor in the staleness ages);
   * otherwise it is confirmed, by {@link #confirmHeld} or {@link #stopHolding}, and reported to
   * {@code listener}. For runs whose primary can change; without it, every violation counts at once.
   */
  public void holdViolations(Duration window, int capacity, HeldReadListener listener) {
    held = new HeldViolations(window.toNanos(), capacity, new HeldViolations.Outcome() {
      @Override
      public void confirmed(int key, long ageNanos) {
        recordStaleness(ageNanos);
        listener.violation(key, ageNanos);
      }

      @Override
      public void excused(int key, long ageNanos) {
        staleAfterLostWrites.increment();
        listener.excused(key, ageNanos);
      }
    });
  }

  /** Confirms the held reads whose window has passed; call regularly while holding. */
  public void confirmHeld(long nowNanos) {
    HeldViolations holding = held;
    if (holding != null) {
      holding.confirmDue(nowNanos);
    }
  }

  /** Confirms every held read and holds no more (the load is over). */
  public void stopHolding() {
    HeldViolations holding = held;
    if (holding != null) {
      held = null;
      holding.close();
    }
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
   * outcome are not counted as lost), plus those {@link #auditDuringRun} found.
   */
  public LostWrites audit(IntFunction<String> readFromPrimary) {
    long checked = 0;
    long versionsLost = 0;
    List<LostKey> lost = new ArrayList<>();
    for (int key = 0; key < config.keys(); key++) {
      long acked;
      synchronized (stripe(key)) {
        acked = state[key * stride + HIGHEST_ACKED];
      }
      if (acked == 0) {
        continue;
      }
      checked++;
      long stored = storedVersion(key, readFromPrimary.apply(key), System.nanoTime());
      Set<Long> gone = lostDuringRun.getOrDefault(key, Set.of());
      long missing = gone.size();
      if (stored < acked) {
        Set<Long> unknown = unacknowledged.getOrDefault(key, Set.of());
        for (long version = stored + 1; version <= acked; version++) {
          if (!unknown.contains(version) && !gone.contains(version)) {
            missing++;
          }
        }
      }
      if (missing > 0) {
        lost.add(new LostKey(key, stored, acked, missing));
        versionsLost += missing;
      }
    }
    return new LostWrites(checked, lost.size(), versionsLost, List.copyOf(lost));
  }

  /**
   * An audit during the run: reads every key with {@code readFromPrimary}, and for each key whose
   * stored version is below the highest version acknowledged before its read was sent, takes the
   * acknowledged versions above the stored one out of the key's history (reads after this are
   * judged against what survived) and remembers them as lost for the final {@link #audit}.
   * Returns what this pass found; a read that fails fails the pass (nothing is voided for keys
   * not yet reached).
   */
  public LostWrites auditDuringRun(IntFunction<? extends CompletionStage<String>> readFromPrimary) {
    // every read in flight at once (an audit must be quick: reads between a loss and its audit
    // still count against the lost versions); each key's snapshot taken before its read is sent
    long[] ackedBefore = new long[config.keys()];
    List<CompletableFuture<String>> reads = new ArrayList<>(config.keys());
    for (int key = 0; key < config.keys(); key++) {
      synchronized (stripe(key)) {
        ackedBefore[key] = state[key * stride + HIGHEST_ACKED];
      }
      reads.add(ackedBefore[key] == 0 ? null : readFromPrimary.apply(key).toCompletableFuture());
    }
    long checked = 0;
    long versionsLost = 0;
    List<LostKey> lost = new ArrayList<>();
    Map<Integer, long[]> lostRanges = new HashMap<>();
    for (int key = 0; key < config.keys(); key++) {
      if (reads.get(key) == null) {
        continue;
      }
      long stored = storedVersion(key, reads.get(key).join(), System.nanoTime());
      checked++;
      if (stored < ackedBefore[key]) {
        long voided = voidVersions(key, stored, ackedBefore[key]);
        lostRanges.put(key, new long[] {stored, ackedBefore[key]});
        if (voided > 0) {
          lost.add(new LostKey(key, stored, ackedBefore[key], voided));
          versionsLost += voided;
        }
      }
    }
    HeldViolations holding = held;
    if (holding != null) {
      holding.excuse(lostRanges);
    }
    return new LostWrites(checked, lost.size(), versionsLost, List.copyOf(lost));
  }

  /**
   * A write of {@code version} replaced {@code previousValue} on its primary ({@code SET .. GET};
   * null: no value). Acknowledged versions between the two never reached that primary: a
   * failover lost them, even when this write came before any audit could see the gap. They are
   * taken out of the history and counted as lost, like {@link #auditDuringRun}'s. Assumes one
   * connection per key at a time, as the harness's writer has.
   */
  public void writeReplaced(int key, long version, String previousValue) {
    // parsed in place: this runs for every write
    long previous = previousValue != null ? versionOf(previousValue, key)
        : expiry.expires(key) ? version - 1 // the previous version's expiry (see the class comment)
        : newestDeleteVersion(key);
    if (previous < 0) {
      return; // not a value the harness wrote: the reads of it are reported as corrupt
    }
    if (previous > version) {
      // the writer broke its own order (WriteFence): Redis now keeps an older version than one
      // acknowledged, and every read of the key looks stale until its next write
      writesOutOfOrder.increment();
    }
    long upTo;
    synchronized (stripe(key)) {
      upTo = Math.min(version - 1, state[key * stride + HIGHEST_ACKED]);
    }
    if (previous < upTo) {
      voidVersions(key, previous, upTo);
      HeldViolations holding = held;
      if (holding != null) {
        holding.excuse(Map.of(key, new long[] {previous, upTo}));
      }
    }
  }

  /** Takes acknowledged versions in (stored, upTo] out of the key's history; returns how many were new. */
  private long voidVersions(int key, long stored, long upTo) {
    int at = key * stride;
    Set<Long> gone = lostDuringRun.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
    long added = 0;
    synchronized (stripe(key)) {
      int size = (int) (state[at + RING_HEAD_AND_SIZE] >>> 32);
      for (int entry = at + RING, end = entry + 2 * size; entry < end; entry += 2) {
        long version = state[entry];
        if (version > stored && version <= upTo) {
          state[entry] = 0; // version 0 is never newer than what a read returns
        }
      }
      if (state[at + EVICTED_MAX_VERSION] > stored && state[at + EVICTED_MAX_VERSION] <= upTo) {
        // Forgotten versions above the stored one are gone; the stored one (or an older one) was
        // acknowledged by the time the newest forgotten one was: an earlier bound, never a later.
        state[at + EVICTED_MAX_VERSION] = stored;
      }
      if (state[at + NEWEST_SENT_VERSION] <= upTo) {
        state[at + NEWEST_SENT_VERSION] = stored; // nothing newer is on its way any more
      }
    }
    Set<Long> unknown = unacknowledged.getOrDefault(key, Set.of());
    for (long version = stored + 1; version <= upTo; version++) {
      if (!unknown.contains(version) && gone.add(version)) {
        added++;
      }
    }
    return added;
  }

  /**
   * The version a primary holds: the value's, or for no value the newest delete (0: none, or
   * unreadable); for an expiring key found without a value at {@code readNanos}, the newest
   * version's expiry when it could have expired by then, else the one before it's.
   */
  private long storedVersion(int key, String value, long readNanos) {
    if (value != null) {
      return Math.max(0, versionOf(value, key));
    }
    return expiry.expires(key) ? expiredVersion(key, readNanos) : newestDeleteVersion(key);
  }

  /** Stale reads so far (a running count; {@link #report} has the rest). */
  public long staleReads() {
    return stale.sum();
  }

  /** Stale reads beyond the bound so far, held ones not included until confirmed. */
  public long violations() {
    return violations.sum();
  }

  /** Counters and the staleness-age distribution so far. */
  public synchronized CheckerReport report() {
    stalenessTotal.add(stalenessMicros.getIntervalHistogram());
    visibleAfterTotal.add(visibleAfterMicros.getIntervalHistogram());
    invisibleAfterTotal.add(invisibleAfterMicros.getIntervalHistogram());
    return new CheckerReport(fresh.sum(), concurrent.sum(), stale.sum(), violations.sum(), regressions.sum(),
        corrupt.sum(), beyondHistory.sum(), writesAcked.sum(), staleAfterLostWrites.sum(), writesOutOfOrder.sum(),
        stalenessTotal.copy(), visibleAfterTotal.copy(), invisibleAfterTotal.copy());
  }

  /**
   * A snapshot of the checker.
   *
   * @param staleAfterLostWrites stale reads beyond the bound that missed only writes a failover
   *     lost (see {@link #holdViolations}); counted in {@code stale}, not in {@code violations}
   * @param writesOutOfOrder writes that replaced a newer version of their key than their own: the
   *     harness's writer broke its order (must be 0; otherwise reads of those keys were judged
   *     against versions Redis no longer held)
   * @param stalenessAgeMicros ages of stale reads, microseconds (without those)
   * @param visibleAfterMicros reads that returned the newest write acknowledged before they
   *     started (or a newer one), by the time from that acknowledgement to the read's start
   * @param invisibleAfterMicros the reads that did not (stale ones), by the same time
   */
  public record CheckerReport(long fresh, long concurrent, long stale, long violations, long regressions,
      long corrupt, long beyondHistory, long writesAcknowledged, long staleAfterLostWrites, long writesOutOfOrder,
      Histogram stalenessAgeMicros, Histogram visibleAfterMicros, Histogram invisibleAfterMicros) {
    public long reads() {
      return fresh + concurrent + stale + corrupt;
    }
  }
}

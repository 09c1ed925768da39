package io.tracklab.harness.nearcache;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The counters behind {@link NearCacheStats}: contention-free adders, read as a snapshot. */
final class NearCacheCounters {
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder hitsRefusedUnhealthy = new LongAdder();
  final LongAdder hitsRefusedExpired = new LongAdder();
  final LongAdder invalidationsReceived = new LongAdder();
  final LongAdder evictions = new LongAdder();
  final LongAdder heartbeatMisses = new LongAdder();
  private final Map<FlushReason, LongAdder> flushes = new EnumMap<>(FlushReason.class);

  NearCacheCounters() {
    for (FlushReason reason : FlushReason.values()) {
      flushes.put(reason, new LongAdder());
    }
  }

  void flushed(FlushReason reason) {
    flushes.get(reason).increment();
  }

  NearCacheStats snapshot() {
    Map<FlushReason, Long> flushCounts = new EnumMap<>(FlushReason.class);
    flushes.forEach((reason, count) -> flushCounts.put(reason, count.sum()));
    return new NearCacheStats(hits.sum(), misses.sum(), hitsRefusedUnhealthy.sum(),
        invalidationsReceived.sum(), flushCounts, evictions.sum(), heartbeatMisses.sum(), hitsRefusedExpired.sum());
  }
}

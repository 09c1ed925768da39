package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.harness.testing.SharedTopology;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gap between a tracked key's expiry on the server and the invalidation that announces it
 * (issue 19: "TTL expiry of tracked keys"). Redis announces an expiry only when it deletes the key:
 * when something touches it after its time (lazy), or when its active expiry cycle reaches it.
 * A near-cache that relied on that invalidation would serve the key for the whole gap; tracklab's
 * does not (it expires entries at the key's TTL itself: {@link NearCacheExpiryIT}). Each test gives
 * {@link #KEYS} cached, tracked keys a {@link #TTL_MILLIS} TTL (SET PX, reply at {@code ack}: the key
 * expired by {@code ack + TTL} at the latest) and times each key's invalidation against that
 * instant; the figures are printed for the record.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExpiryInvalidationGapIT {
  private static final int KEYS = 100;
  private static final long TTL_MILLIS = 200;
  /** How long to wait for the announcements of keys among many others with TTLs. */
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();
  @RegisterExtension
  static final SharedTopology TOPOLOGY = new SharedTopology(TopologyKind.STANDALONE);

  private static RedisCommands<String, String> redis;
  private final Map<String, Long> invalidated = new ConcurrentHashMap<>();

  @BeforeAll
  static void connectAdmin() {
    redis = TOPOLOGY.admin("primary");
  }

  @AfterEach
  void empty() {
    redis.flushall();
  }

  private TrackedNearCache<String> open() {
    RedisURI uri = TOPOLOGY.get().clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(2));
    return TrackedNearCache.strings(RESOURCES.get(), uri, NearCacheConfig.builder().build(), new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        invalidated.putIfAbsent(key, nanoTime);
      }
    });
  }

  /** Writes, caches and expires {@link #KEYS} keys; returns each key's latest expiry instant (nanoTime). */
  private long[] cachedKeysWithTtl(TrackedNearCache<String> cache, String prefix) {
    long[] expiredBy = new long[KEYS];
    for (int i = 0; i < KEYS; i++) {
      redis.set(prefix + i, "value", SetArgs.Builder.px(TTL_MILLIS));
      expiredBy[i] = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS);
      assertThat(cache.get(prefix + i)).isEqualTo("value"); // cached, and tracked on the server
    }
    return expiredBy;
  }

  /** Gaps in ms from {@code since} (NaN: not announced), waiting at most {@code patience} after the last. */
  private double[] gaps(String prefix, long[] since, Duration patience) throws InterruptedException {
    long[] expiredBy = since;
    long deadline = expiredBy[KEYS - 1] + patience.toNanos();
    while (System.nanoTime() - deadline < 0 && invalidatedCount(prefix) < KEYS) {
      Thread.sleep(10);
    }
    double[] gaps = new double[KEYS];
    for (int i = 0; i < KEYS; i++) {
      Long at = invalidated.get(prefix + i);
      gaps[i] = at == null ? Double.NaN : (at - expiredBy[i]) / 1e6;
    }
    return gaps;
  }

  private long invalidatedCount(String prefix) {
    return invalidated.keySet().stream().filter(key -> key.startsWith(prefix)).count();
  }

  private static String describe(String condition, double[] gaps) {
    double[] announced = Arrays.stream(gaps).filter(gap -> !Double.isNaN(gap)).sorted().toArray();
    if (announced.length == 0) {
      return String.format(Locale.ROOT, "expiry gap, %s: none of %d keys announced", condition, gaps.length);
    }
    return String.format(Locale.ROOT, "expiry gap, %s: %d of %d announced; p50 %.1f ms, p99 %.1f ms, max %.1f ms",
        condition, announced.length, gaps.length, announced[announced.length / 2],
        announced[Math.min(announced.length - 1, (int) Math.ceil(announced.length * 0.99) - 1)],
        announced[announced.length - 1]);
  }

  @Test
  void alone_activeExpiryAnnouncesEachKeyWithinAFewCycles_neverBeforeItsTime() throws Exception {
    try (TrackedNearCache<String> cache = open()) {
      long[] expiredBy = cachedKeysWithTtl(cache, "alone:");
      double[] gaps = gaps("alone:", expiredBy, Duration.ofSeconds(5));
      System.out.println(describe("keys alone with TTLs, nothing touching them", gaps));
      assertThat(gaps).as("every expiry announced").doesNotContain(Double.NaN);
      // expiry is set when Redis runs the SET, before its reply: never announced before ack + TTL - the round trip
      assertThat(Arrays.stream(gaps).min().orElseThrow()).isGreaterThan(-5.0);
      assertThat(Arrays.stream(gaps).max().orElseThrow()).as("10 cycles a second find them").isLessThan(2_000.0);
    }
  }

  @Test
  void touchedAfterItsTime_aKeyIsAnnouncedAtTheTouch() throws Exception {
    try (TrackedNearCache<String> cache = open()) {
      addLongLivedKeys(); // so active expiry is slow to reach them: the touch is what deletes them
      long[] expiredBy = cachedKeysWithTtl(cache, "touched:");
      Thread.sleep(TTL_MILLIS + 20); // every key past its time
      long[] touched = new long[KEYS];
      for (int i = 0; i < KEYS; i++) {
        touched[i] = System.nanoTime();
        redis.exists("touched:" + i); // another client's access: Redis deletes the expired key and announces it
      }
      double[] sinceTouch = gaps("touched:", touched, Duration.ofSeconds(5));
      System.out.println(describe("keys touched by another client after their time, from the touch", sinceTouch));
      System.out.println(describe("the same keys, from their expiry", gaps("touched:", expiredBy, Duration.ZERO)));
      assertThat(sinceTouch).doesNotContain(Double.NaN);
      long late = Arrays.stream(sinceTouch).filter(gap -> gap > 50).count();
      assertThat(late).as("announced at the touch, not by a later cycle").isZero();
    }
  }

  @Test
  void amongManyKeysWithTtls_theAnnouncementsTakeSeconds_orDoNotComeWhileWatched() throws Exception {
    try (TrackedNearCache<String> cache = open()) {
      addLongLivedKeys();
      long[] expiredBy = cachedKeysWithTtl(cache, "crowded:");
      double[] gaps = gaps("crowded:", expiredBy, PATIENCE);
      System.out.println(describe("among 20,000 keys with 10-minute TTLs, nothing touching them", gaps));
      assertThat(Arrays.stream(gaps).filter(gap -> !Double.isNaN(gap)).min().orElse(0)).isGreaterThan(-5.0);
      for (int i = 0; i < KEYS; i++) {
        assertThat(cache.get("crowded:" + i)).as("expired, whether announced or not").isNull();
      }
    }
  }

  private static void addLongLivedKeys() {
    RedisAsyncCommands<String, String> async = redis.getStatefulConnection().async();
    for (int i = 0; i < 20_000; i++) {
      async.set("other:" + i, "x", SetArgs.Builder.px(600_000));
    }
    assertThat(redis.dbsize()).isGreaterThanOrEqualTo(20_000);
  }
}

package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.GetExArgs;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.tracklab.harness.testing.SharedClientResources;
import io.tracklab.harness.testing.SharedTopology;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A cached key that expires on the server is not served after its expiry, although Redis
 * announces the expiry only when it deletes the key (its active expiry samples keys 10 times a
 * second; with many keys carrying TTLs, or while writes are paused, that takes far longer).
 *
 * <p>Each repetition: another client writes the key, the near-cache reads it twice (a miss, then
 * a hit), the other client gives it a 50 ms TTL (PEXPIRE, SET PX or GETEX PX) and, its reply
 * received at {@code ack}, the key has expired on the server by {@code ack + 50 ms} at the latest.
 * The near-cache then reads the key in a loop until {@code ack + 80 ms}; a read that started more
 * than 1 ms after {@code ack + 50 ms} and returned the value is a violation.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NearCacheExpiryIT {
  private static final int REPETITIONS = 20;
  private static final long TTL_MILLIS = 50;
  private static final long TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int KEYS_WITH_TTLS = 20_000;

  @RegisterExtension
  static final SharedClientResources RESOURCES = new SharedClientResources();
  @RegisterExtension
  static final SharedTopology TOPOLOGY = new SharedTopology(TopologyKind.STANDALONE);

  private static RedisCommands<String, String> redis;

  @BeforeAll
  static void connectAdmin() {
    redis = TOPOLOGY.admin("primary");
  }

  /** How the other client gives the key its TTL. */
  private enum Expiring {
    PEXPIRE((commands, key) -> commands.pexpire(key, TTL_MILLIS)),
    SET_PX((commands, key) -> commands.set(key, "value", SetArgs.Builder.px(TTL_MILLIS))),
    GETEX_PX((commands, key) -> commands.getex(key, GetExArgs.Builder.px(TTL_MILLIS)));

    final BiConsumer<RedisCommands<String, String>, String> apply;

    Expiring(BiConsumer<RedisCommands<String, String>, String> apply) {
      this.apply = apply;
    }
  }

  private enum Condition { ALONE, AMONG_20000_KEYS_WITH_TTLS, WRITES_PAUSED }

  /** When each key's latest invalidation arrived (to tell a late one from an entry kept too long). */
  private static final java.util.Map<String, Long> INVALIDATED = new java.util.concurrent.ConcurrentHashMap<>();

  private TrackedNearCache<String> open(TrackedNearCache.ExpiryRule rule) {
    RedisURI uri = TOPOLOGY.get().clientUris().get(0);
    uri.setTimeout(Duration.ofSeconds(2));
    NearCacheListener invalidations = new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        INVALIDATED.put(key, nanoTime);
      }
    };
    return TrackedNearCache.strings(RESOURCES.get(), uri, NearCacheConfig.builder().build(), invalidations, rule);
  }

  /** Reads of an expired key, past its expiry plus the tolerance, over every repetition. */
  private static List<String> violations(TrackedNearCache<String> cache, Expiring expiring, Condition condition) {
    List<String> violations = new ArrayList<>();
    for (int repetition = 0; repetition < REPETITIONS; repetition++) {
      String key = "expiring:" + expiring + ":" + condition + ":" + repetition;
      redis.set(key, "value");
      assertThat(cache.get(key)).isEqualTo("value");
      assertThat(cache.get(key)).isEqualTo("value");
      expiring.apply.accept(redis, key);
      long ack = System.nanoTime();
      if (condition == Condition.WRITES_PAUSED) {
        pauseWrites(400); // Redis deletes no expired key meanwhile, and so announces none
      }
      long expiredBy = ack + TimeUnit.MILLISECONDS.toNanos(TTL_MILLIS);
      long until = expiredBy + TimeUnit.MILLISECONDS.toNanos(30);
      try {
        while (true) {
          long started = System.nanoTime();
          if (started - until > 0) {
            break;
          }
          NearCacheRead<String> read = cache.readAsync(key).join();
          if (read.value() != null && started - (expiredBy + TOLERANCE_NANOS) > 0) {
            violations.add(key + " read " + TimeUnit.NANOSECONDS.toMicros(started - expiredBy) + " µs after expiry ("
                + (read.local() ? "local" : "from Redis") + "; the TTL write's invalidation "
                + (INVALIDATED.getOrDefault(key, 0L) - ack > 0
                    ? "arrived " + TimeUnit.NANOSECONDS.toMicros(INVALIDATED.get(key) - ack) + " µs after its reply)"
                    : "had not arrived)"));
            break;
          }
        }
      } finally {
        if (condition == Condition.WRITES_PAUSED) {
          redis.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
              new CommandArgs<>(StringCodec.UTF8).add("UNPAUSE"));
        }
      }
    }
    return violations;
  }

  /** {@code CLIENT PAUSE <millis> WRITE}: reads go on (Lettuce's clientPause pauses all clients' everything). */
  private static void pauseWrites(long millis) {
    redis.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
        new CommandArgs<>(StringCodec.UTF8).add("PAUSE").add(millis).add("WRITE"));
  }

  private static void addKeysWithTtls() {
    RedisAsyncCommands<String, String> async = redis.getStatefulConnection().async();
    for (int i = 0; i < KEYS_WITH_TTLS; i++) {
      async.set("other:" + i, "x", SetArgs.Builder.px(600_000));
    }
    assertThat(redis.dbsize()).isGreaterThanOrEqualTo(KEYS_WITH_TTLS);
  }

  @Test
  void anExpiredKey_isNeverServedPastItsServerExpiry_inAnyConditionOrCommand() {
    List<String> all = new ArrayList<>();
    try (TrackedNearCache<String> cache = open(TrackedNearCache.ExpiryRule.SERVER_TTL)) {
      for (Condition condition : Condition.values()) {
        if (condition == Condition.AMONG_20000_KEYS_WITH_TTLS) {
          addKeysWithTtls();
        }
        for (Expiring expiring : Expiring.values()) {
          all.addAll(violations(cache, expiring, condition));
        }
      }
      assertThat(all).isEmpty();
      assertThat(cache.stats().hitsRefusedExpired()).isPositive();
    } finally {
      redis.flushall();
    }
  }

  /** Negative control: without the TTL rule, the same test catches expired keys served locally. */
  @Test
  void withoutTheTtlRule_expiredKeysAreServed_andThisTestSeesIt() {
    try (TrackedNearCache<String> cache = open(TrackedNearCache.ExpiryRule.IGNORED)) {
      List<String> paused = violations(cache, Expiring.PEXPIRE, Condition.WRITES_PAUSED);
      addKeysWithTtls();
      List<String> crowded = violations(cache, Expiring.SET_PX, Condition.AMONG_20000_KEYS_WITH_TTLS);
      System.out.printf("without the TTL rule: %d/%d paused, %d/%d among %d keys with TTLs served after expiry%n",
          paused.size(), REPETITIONS, crowded.size(), REPETITIONS, KEYS_WITH_TTLS);
      assertThat(paused).hasSizeGreaterThan(REPETITIONS / 2);
      assertThat(crowded).isNotEmpty();
    } finally {
      redis.flushall();
    }
  }
}

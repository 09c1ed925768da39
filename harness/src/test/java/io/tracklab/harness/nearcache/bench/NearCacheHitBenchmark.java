package io.tracklab.harness.nearcache.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.TrackedNearCache;
import io.tracklab.topologies.local.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a near-cache hit costs against a remote GET: {@link #hit()} reads a held key through
 * {@link TrackedNearCache}; {@link #miss()} reads it through the near-cache from Redis (the local
 * entry dropped first); {@link #remoteGet()} reads the same key with plain Lettuce from the same
 * redis-server (127.0.0.1, no proxy), in the same run.
 *
 * <p>Run: {@code ./mvnw -B -pl harness -am -Pjmh -DskipTests verify} (results in
 * {@code harness/target/jmh-result.json}).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NearCacheHitBenchmark {
  private static final String KEY = "bench:key";

  private RedisServerProcess redis;
  private ClientResources resources;
  private RedisClient plainClient;
  private StatefulRedisConnection<String, String> plain;
  private RedisCommands<String, String> plainCommands;
  private TrackedNearCache<String> cache;

  @Setup(Level.Trial)
  public void start() {
    redis = RedisServerProcess.start(Path.of("target", "tracklab", "jmh-redis"));
    resources = DefaultClientResources.create();
    RedisURI uri = RedisURI.create(redis.host(), redis.port());
    uri.setTimeout(Duration.ofSeconds(2));
    plainClient = RedisClient.create(resources, uri);
    plain = plainClient.connect();
    plainCommands = plain.sync();
    plainCommands.set(KEY, "a value of a typical size, say sixty-four bytes long ............");
    cache = TrackedNearCache.strings(resources, uri, NearCacheConfig.builder()
        .heartbeatDeadline(Duration.ofSeconds(5)).heartbeatInterval(Duration.ofMillis(500)).build(),
        NearCacheListener.NONE);
    cache.get(KEY); // now held
  }

  @TearDown(Level.Trial)
  public void stop() {
    cache.close();
    plain.close();
    plainClient.shutdown(0, 2, TimeUnit.SECONDS);
    resources.shutdown(0, 2, TimeUnit.SECONDS);
    redis.close();
  }

  @Benchmark
  public String hit() {
    return cache.get(KEY);
  }

  /** A miss through the near-cache: the local entry dropped, then read from Redis (GET, and PTTL with it). */
  @Benchmark
  public String miss() {
    cache.invalidateLocal(KEY);
    return cache.get(KEY);
  }

  @Benchmark
  public String remoteGet() {
    return plainCommands.get(KEY);
  }
}

package io.tracklab.harness.client;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The naive local cache: entries expire {@code ttl} after they were loaded and nothing ever
 * invalidates them. What a near-cache without tracking gives; the staleness gates must catch it.
 */
public final class TtlClient implements CacheClient {
  private final AsyncCache<String, Optional<String>> local;
  private final AutoCloseable client;
  private final StatefulConnection<String, String> connection;
  private final Function<String, CompletableFuture<String>> remoteGet;

  private TtlClient(Duration ttl, AutoCloseable client, StatefulConnection<String, String> connection,
      Function<String, CompletableFuture<String>> remoteGet) {
    this.local = Caffeine.newBuilder().expireAfterWrite(ttl).buildAsync();
    this.client = client;
    this.connection = connection;
    this.remoteGet = remoteGet;
  }

  public static CacheClient.Factory factory(Duration ttl) {
    return (endpoints, listener) -> {
      if (endpoints.cluster()) {
        RedisClusterClient client = RedisClusterClient.create(endpoints.resources(), endpoints.uris());
        StatefulRedisClusterConnection<String, String> connection = client.connect();
        return new TtlClient(ttl, () -> client.shutdown(0, 2, TimeUnit.SECONDS), connection,
            key -> connection.async().get(key).toCompletableFuture());
      }
      RedisClient client = RedisClient.create(endpoints.resources(), endpoints.uris().get(0));
      StatefulRedisConnection<String, String> connection = client.connect();
      return new TtlClient(ttl, () -> client.shutdown(0, 2, TimeUnit.SECONDS), connection,
          key -> connection.async().get(key).toCompletableFuture());
    };
  }

  @Override
  public String name() {
    return "ttl";
  }

  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    CompletableFuture<Optional<String>> held = local.getIfPresent(key);
    if (held != null && held.isDone() && !held.isCompletedExceptionally()) {
      return CompletableFuture.completedFuture(new NearCacheRead<>(held.join().orElse(null), true));
    }
    return local.get(key, (k, executor) -> remoteGet.apply(k).thenApply(Optional::ofNullable))
        .thenApply(value -> new NearCacheRead<>(value.orElse(null), false));
  }

  @Override
  public NearCacheStats stats() {
    return null;
  }

  @Override
  public void close() {
    connection.close();
    try {
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the TTL client: " + e.getMessage(), e);
    }
  }
}

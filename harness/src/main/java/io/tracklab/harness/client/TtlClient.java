package io.tracklab.harness.client;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The naive local cache: entries expire {@code ttl} after they were loaded and nothing ever
 * invalidates them. What a near-cache without tracking gives; the staleness gates must catch it.
 */
public final class TtlClient implements CacheClient {
  private final AsyncCache<String, Optional<String>> local;
  private final RemoteGets remote;

  private TtlClient(Duration ttl, RemoteGets remote) {
    this.local = Caffeine.newBuilder().expireAfterWrite(ttl).buildAsync();
    this.remote = remote;
  }

  public static CacheClient.Factory factory(Duration ttl) {
    return (endpoints, listener) -> new TtlClient(ttl, RemoteGets.open(endpoints));
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
    return local.get(key, (k, executor) -> remote.get(k).thenApply(Optional::ofNullable))
        .thenApply(value -> new NearCacheRead<>(value.orElse(null), false));
  }

  @Override
  public NearCacheStats stats() {
    return null;
  }

  @Override
  public void close() {
    remote.close();
  }
}

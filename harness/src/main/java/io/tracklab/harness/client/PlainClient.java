package io.tracklab.harness.client;

import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.util.concurrent.CompletableFuture;

/** No local cache: every read is a GET to Redis. The baseline a near-cache is measured against. */
public final class PlainClient implements CacheClient {
  private final RemoteGets remote;

  private PlainClient(RemoteGets remote) {
    this.remote = remote;
  }

  public static CacheClient.Factory factory() {
    return (endpoints, listener) -> new PlainClient(RemoteGets.open(endpoints));
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    return remote.get(key).thenApply(value -> new NearCacheRead<>(value, false));
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

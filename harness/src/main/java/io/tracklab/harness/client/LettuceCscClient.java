package io.tracklab.harness.client;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.support.caching.CacheAccessor;
import io.lettuce.core.support.caching.CacheFrontend;
import io.lettuce.core.support.caching.ClientSideCaching;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce's own client-side caching ({@code ClientSideCaching} / {@code CacheFrontend}) used as
 * its authors show: one RESP3 connection with {@code CLIENT TRACKING ON}, a map as the cache, and
 * {@code frontend.get(key)} — a hit from the map, a miss a GET that fills it; invalidation pushes
 * evict keys. Standalone only: the frontend tracks on one connection to one node, so it is refused
 * for Sentinel and Cluster endpoints ({@link UnsupportedClientException}).
 *
 * <p>{@code get} blocks on a miss, so reads run on a small pool of this client's own rather than
 * on the caller's (Gatling's) event loop; a hit costs that hop too, which is part of what this
 * client costs as designed.
 */
public final class LettuceCscClient implements CacheClient {
  public static final String NAME = "lettuce-csc";

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final CacheFrontend<String, String> frontend;
  private final ReaderPool readers;
  /** Set by the cache accessor on the reading thread: whether the last get found the key locally. */

  private LettuceCscClient(ClientEndpoints endpoints, NearCacheListener listener) {
    ClientSupport.require(NAME, endpoints);
    RedisURI uri = endpoints.uris().get(0);
    this.client = RedisClient.create(endpoints.resources(), uri);
    client.setOptions(endpoints.clientOptions().protocolVersion(ProtocolVersion.RESP3).build());
    this.connection = client.connect();
    this.readers = new ReaderPool(NAME);
    Map<String, String> map = new ConcurrentHashMap<>();
    CacheAccessor<String, String> store = CacheAccessor.forMap(map);
    CacheAccessor<String, String> counting = new CacheAccessor<>() {
      @Override
      public String get(String key) {
        String value = store.get(key);
        readers.servedLocally(value != null);
        return value;
      }

      @Override
      public void put(String key, String value) {
        store.put(key, value);
      }

      /** Lettuce evicts on an invalidation push: the moment the invalidation-delay probe times. */
      @Override
      public void evict(String key) {
        boolean held = key != null && map.containsKey(key);
        store.evict(key);
        listener.onInvalidation(System.nanoTime(), key, held);
      }
    };
    this.frontend = ClientSideCaching.enable(counting, connection, TrackingArgs.Builder.enabled());
  }

  public static CacheClient.Factory factory() {
    return LettuceCscClient::new;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    return readers.read(() -> frontend.get(key));
  }

  @Override
  public NearCacheStats stats() {
    return null;
  }

  @Override
  public void close() {
    readers.close();
    frontend.close();
    connection.close();
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }
}

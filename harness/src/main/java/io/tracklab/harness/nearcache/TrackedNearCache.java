package io.tracklab.harness.nearcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A near-cache: a local Caffeine store kept coherent by Redis {@code CLIENT TRACKING} push
 * invalidations on a RESP3 Lettuce connection (standalone and Sentinel-discovered primaries).
 *
 * <p>Correctness, rule by rule (DESIGN.md section 3):
 *
 * <ul>
 *   <li><b>Miss race.</b> A miss places a {@link CacheSlot.PendingRead} token before its GET is
 *       sent; an invalidation removes whatever is there; the reply replaces the token by
 *       compare-and-set, so a reply that raced an invalidation is never stored.
 *   <li><b>Epochs.</b> Entries belong to the connection life that tracked them. A disconnect ends
 *       the epoch and drops every entry at once; a new connection serves nothing until
 *       {@code CLIENT TRACKING} is acknowledged on it ({@link TrackingConnection}).
 *   <li><b>Silent partitions.</b> Hits are served only until the last answered heartbeat's send
 *       time plus the deadline; past it the cache refuses hits and flushes until a heartbeat is
 *       answered again.
 *   <li><b>Null invalidation</b> (FLUSHALL, FLUSHDB) flushes everything.
 *   <li><b>Primary change.</b> A new epoch on another node (Sentinel failover) flushes too.
 *   <li><b>Own writes</b> drop the key locally before they are sent and again when acknowledged,
 *       which also covers {@code NOLOOP}, where Redis stays silent about them.
 * </ul>
 *
 * <p>Concurrency: thread-safe; hits take no lock and touch no network. The happens-before that
 * the miss race relies on: Redis sends a key's invalidation on the same connection after any
 * reply that read the key, Lettuce handles both on one event loop in order, so an invalidation
 * following a reply always runs after the reply's compare-and-set has been tried; an
 * invalidation that overtakes the completion (completions on other threads) removes the token
 * first, and the compare-and-set fails.
 *
 * @param <V> value type ({@link #strings} or {@link #bytes})
 */
public final class TrackedNearCache<V> implements AutoCloseable {
  private final NearCacheConfig config;
  private final NearCacheListener listener;
  private final NearCacheCounters counters = new NearCacheCounters();
  private final Cache<String, CacheSlot<V>> store;
  private final TrackingConnection connection;
  private final SentinelWatcher sentinelWatcher;
  private final Duration commandTimeout;
  private final MissStore missStore;

  /**
   * How a miss stores its reply. Only {@link #COMPARE_AND_SET} is correct; the other exists so a
   * test can prove it catches the miss race (rule 1) when the rule is broken.
   */
  enum MissStore {
    /** Replace this read's own token, only if it is still there. */
    COMPARE_AND_SET,
    /** Put the reply, a moment later on another thread, whatever happened meanwhile. */
    BLIND_PUT_LATER
  }

  private TrackedNearCache(RedisClient client, boolean ownsClient, RedisURI uri, RedisCodec<String, V> codec,
      NearCacheConfig config, NearCacheListener listener, MissStore missStore) {
    this.missStore = missStore;
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.commandTimeout = uri.getTimeout();
    this.store = Caffeine.newBuilder()
        .maximumSize(config.maxEntries())
        .expireAfterWrite(config.maxEntryAge())
        .removalListener((String key, CacheSlot<V> slot, RemovalCause cause) -> {
          if (cause.wasEvicted()) {
            counters.evictions.increment();
          }
        })
        .build();
    this.connection = new TrackingConnection(client, ownsClient, uri, codec, config, new ConnectionEvents());
    this.sentinelWatcher = uri.getSentinels().isEmpty()
        ? null
        : new SentinelWatcher(client.getResources(), uri, () -> connection.renew(FlushReason.PRIMARY_CHANGED));
  }

  /** A near-cache of String values with its own Lettuce client (on {@code resources}). */
  public static TrackedNearCache<String> strings(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener) {
    return open(resources, uri, StringCodec.UTF8, config, listener);
  }

  /** A near-cache of byte[] values with its own Lettuce client (on {@code resources}). */
  public static TrackedNearCache<byte[]> bytes(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener) {
    return open(resources, uri, new StringKeyCodec<>(ByteArrayCodec.INSTANCE), config, listener);
  }

  private static <V> TrackedNearCache<V> open(ClientResources resources, RedisURI uri, RedisCodec<String, V> codec,
      NearCacheConfig config, NearCacheListener listener) {
    return open(resources, uri, codec, config, listener, MissStore.COMPARE_AND_SET);
  }

  /** Test seam: a String cache whose misses store their replies as {@code missStore} says. */
  static TrackedNearCache<String> strings(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener, MissStore missStore) {
    return open(resources, uri, StringCodec.UTF8, config, listener, missStore);
  }

  private static <V> TrackedNearCache<V> open(ClientResources resources, RedisURI uri, RedisCodec<String, V> codec,
      NearCacheConfig config, NearCacheListener listener, MissStore missStore) {
    // Its own RedisClient: tracking needs client options (RESP3, no auto-reconnect) that must
    // not change anyone else's client. The shared resources (event loops) are only borrowed.
    RedisClient client = RedisClient.create(resources);
    TrackedNearCache<V> cache = new TrackedNearCache<>(client, true, uri, codec, config, listener, missStore);
    try {
      cache.connection.start();
      if (cache.sentinelWatcher != null) {
        cache.sentinelWatcher.start();
      }
      return cache;
    } catch (RuntimeException e) {
      cache.close();
      throw new NearCacheException("cannot start a near-cache on " + uri + ": " + e.getMessage(), e);
    }
  }

  // ---- reads ----

  /** The value of {@code key} (null when absent), locally when it can be, else from Redis. */
  public V get(String key) {
    return await(getAsync(key));
  }

  public CompletableFuture<V> getAsync(String key) {
    CacheSlot.Cached<V> hit = hit(key);
    return hit != null ? CompletableFuture.completedFuture(hit.value()) : remoteGet(key);
  }

  /** Values of {@code keys} in order (null for absent): hits locally, all misses in one MGET. */
  public Map<String, V> mget(List<String> keys) {
    Map<String, V> values = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String key : keys) {
      CacheSlot.Cached<V> hit = hit(key);
      values.put(key, hit == null ? null : hit.value());
      if (hit == null) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      await(remoteMget(missing)).forEach(values::put);
    }
    return values;
  }

  /** The hit path: one map read, one clock read, no lock, no network; null on a miss. */
  private CacheSlot.Cached<V> hit(String key) {
    CacheSlot<V> slot = store.getIfPresent(key);
    if (slot instanceof CacheSlot.Cached<V> cached) {
      TrackingEpoch epoch = connection.current();
      if (cached.epoch() == epoch) {
        if (epoch.healthyAt(System.nanoTime())) {
          counters.hits.increment();
          return cached;
        }
        counters.hitsRefusedUnhealthy.increment();
        if (epoch.markUnhealthy()) {
          becameUnhealthy(epoch);
        }
      }
    }
    counters.misses.increment();
    return null;
  }

  private CompletableFuture<V> remoteGet(String key) {
    TrackingEpoch epoch = requireEpoch();
    boolean cacheable = config.tracks(key) && epoch.healthyAt(System.nanoTime());
    CacheSlot.PendingRead<V> token = new CacheSlot.PendingRead<>(epoch);
    if (cacheable) {
      store.put(key, token);
    }
    RedisFuture<V> reply = epoch.<V, V>send(commands -> commands.get(key), cacheable);
    if (missStore == MissStore.BLIND_PUT_LATER) {
      return reply.toCompletableFuture().whenCompleteAsync((value, failure) -> {
        if (cacheable && failure == null) {
          store.put(key, new CacheSlot.Cached<>(value, epoch));
        }
      });
    }
    return reply.toCompletableFuture().whenComplete((value, failure) -> {
      if (!cacheable) {
        return;
      }
      if (failure == null && epoch == connection.current() && !epoch.hasEnded()) {
        store.asMap().replace(key, token, new CacheSlot.Cached<>(value, epoch));
      } else {
        store.asMap().remove(key, token);
      }
    });
  }

  private CompletableFuture<Map<String, V>> remoteMget(List<String> keys) {
    TrackingEpoch epoch = requireEpoch();
    boolean cacheable = epoch.healthyAt(System.nanoTime());
    Map<String, CacheSlot.PendingRead<V>> tokens = new LinkedHashMap<>();
    if (cacheable) {
      for (String key : keys) {
        if (!config.tracks(key)) {
          continue;
        }
        CacheSlot.PendingRead<V> token = new CacheSlot.PendingRead<>(epoch);
        tokens.put(key, token);
        store.put(key, token);
      }
    }
    RedisFuture<List<KeyValue<String, V>>> reply =
        epoch.<V, List<KeyValue<String, V>>>send(commands -> commands.mget(keys.toArray(String[]::new)), cacheable);
    return reply.toCompletableFuture().handle((values, failure) -> {
      boolean store = cacheable && failure == null && epoch == connection.current() && !epoch.hasEnded();
      Map<String, V> result = new LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        CacheSlot.PendingRead<V> token = tokens.get(key);
        V value = failure == null ? values.get(i).getValueOrElse(null) : null;
        result.put(key, value);
        if (token != null) {
          if (store) {
            this.store.asMap().replace(key, token, new CacheSlot.Cached<>(value, epoch));
          } else {
            this.store.asMap().remove(key, token);
          }
        }
      }
      if (failure != null) {
        throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
      }
      return result;
    });
  }

  // ---- writes ----

  /** SET; the local entry is dropped before the write is sent and again once it is acknowledged. */
  public void set(String key, V value) {
    await(setAsync(key, value, null));
  }

  /** SET with an expiry in Redis. */
  public void set(String key, V value, Duration ttl) {
    await(setAsync(key, value, ttl));
  }

  public CompletableFuture<Void> setAsync(String key, V value, Duration ttl) {
    TrackingEpoch epoch = requireEpoch();
    store.invalidate(key);
    RedisFuture<String> reply = epoch.<V, String>send(
        commands -> ttl == null ? commands.set(key, value) : commands.set(key, value, SetArgs.Builder.px(ttl)), false);
    return reply.toCompletableFuture().thenAccept(ok -> store.invalidate(key));
  }

  /** DEL, with the same local drops as {@link #set}. */
  public void delete(String key) {
    TrackingEpoch epoch = requireEpoch();
    store.invalidate(key);
    RedisFuture<Long> reply = epoch.<V, Long>send(commands -> commands.del(key), false);
    await(reply.toCompletableFuture().thenAccept(deleted -> store.invalidate(key)));
  }

  /** Drops one local entry (Redis is not told). */
  public void invalidateLocal(String key) {
    store.invalidate(key);
  }

  /** Drops every local entry. */
  public void invalidateLocal() {
    flush(FlushReason.LOCAL);
  }

  public NearCacheStats stats() {
    return counters.snapshot();
  }

  /** Entries held now (values and reads in flight), for tests and reports. */
  public long size() {
    return store.estimatedSize();
  }

  public NearCacheConfig config() {
    return config;
  }

  @Override
  public void close() {
    if (sentinelWatcher != null) {
      sentinelWatcher.close();
    }
    connection.close();
    flush(FlushReason.CLOSED);
  }

  // ---- internals ----

  private TrackingEpoch requireEpoch() {
    TrackingEpoch epoch = connection.current();
    if (epoch == null) {
      throw new NearCacheException("not connected to Redis (reconnecting)");
    }
    return epoch;
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw new NearCacheException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new NearCacheException("no reply within " + commandTimeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NearCacheException("interrupted", e);
    }
  }

  private void flush(FlushReason reason) {
    long dropped = store.estimatedSize();
    store.invalidateAll();
    counters.flushed(reason);
    listener.onFlush(System.nanoTime(), reason, dropped);
  }

  private void becameUnhealthy(TrackingEpoch epoch) {
    counters.heartbeatMisses.increment();
    flush(FlushReason.HEARTBEAT_MISSED);
    listener.onHealthChange(System.nanoTime(), false);
  }

  private final class ConnectionEvents implements TrackingConnection.Events {
    @Override
    public void epochStarted(TrackingEpoch epoch, TrackingEpoch previous) {
      if (previous != null && !previous.node.equals(epoch.node)) {
        flush(FlushReason.PRIMARY_CHANGED);
      }
      long now = System.nanoTime();
      listener.onEpochChange(now, epoch.number);
      listener.onHealthChange(now, true);
    }

    @Override
    public void epochEnded(TrackingEpoch epoch, FlushReason reason) {
      flush(reason);
      listener.onHealthChange(System.nanoTime(), false);
    }

    @Override
    public void invalidated(List<String> keys) {
      long now = System.nanoTime();
      for (String key : keys) {
        counters.invalidationsReceived.increment();
        CacheSlot<V> removed = store.asMap().remove(key);
        listener.onInvalidation(now, key, removed instanceof CacheSlot.Cached<V>);
      }
    }

    @Override
    public void nullInvalidation() {
      flush(FlushReason.NULL_INVALIDATION);
    }

    @Override
    public void unhealthy(TrackingEpoch epoch) {
      becameUnhealthy(epoch);
    }

    @Override
    public void healthyAgain(TrackingEpoch epoch) {
      listener.onHealthChange(System.nanoTime(), true);
    }
  }
}

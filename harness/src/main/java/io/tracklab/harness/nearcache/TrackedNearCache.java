package io.tracklab.harness.nearcache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A near-cache: a local Caffeine store kept coherent by Redis {@code CLIENT TRACKING} push
 * invalidations on RESP3 Lettuce connections: one for a standalone or Sentinel-discovered
 * primary, one per primary in a Cluster ({@link TrackingRoute}).
 *
 * <p>Correctness, rule by rule (DESIGN.md section 3):
 *
 * <ul>
 *   <li><b>Miss race.</b> A miss places a {@link CacheSlot.PendingRead} token before its GET is
 *       sent; an invalidation removes whatever is there; the reply replaces the token by
 *       compare-and-set, so a reply that raced an invalidation is never stored.
 *   <li><b>Epochs.</b> Entries belong to the connection life that tracked them. A disconnect ends
 *       the epoch and drops its entries at once; a new connection serves nothing until
 *       {@code CLIENT TRACKING} is acknowledged on it ({@link TrackingConnection}).
 *   <li><b>Silent partitions.</b> Hits are served only until the last answered heartbeat's send
 *       time plus the deadline; past it the epoch refuses hits and its entries go, until a
 *       heartbeat is answered again.
 *   <li><b>Null invalidation</b> (FLUSHALL, FLUSHDB) flushes everything.
 *   <li><b>Primary change.</b> A new epoch on another node (Sentinel failover) flushes too.
 *   <li><b>Cluster slots.</b> An entry is served only while the epoch that tracked it still owns
 *       its slot; slots that change owner are flushed ({@link ClusterRoute}).
 *   <li><b>Own writes</b> drop the key locally before they are sent and again when acknowledged,
 *       which also covers {@code NOLOOP}, where Redis stays silent about them. They are not
 *       cached: the next read misses and learns the key's TTL as any miss does.
 *   <li><b>Expiry.</b> Redis announces an expiry only when it deletes the key: its active expiry
 *       samples ~20 keys 10 times a second, so an expired key can stay unannounced for 100 ms,
 *       for seconds when many keys carry TTLs, and for as long as writes are paused
 *       ({@code CLIENT PAUSE WRITE}). So a miss sends {@code PTTL} right behind its {@code GET}
 *       (one round trip, under the epoch's send lock, so nothing is issued between them), and the
 *       entry carries {@code sent + PTTL}: the command ran after it was sent, so the key expires
 *       on the server no earlier, and a hit at or past that instant is a miss. Why nothing can
 *       change the key unannounced between the two replies: {@code GET} tracked it, so any write
 *       (including {@code EXPIRE}/{@code PERSIST}/{@code GETEX}) sends an invalidation, queued on
 *       this connection before {@code PTTL}'s reply; it removes the read's token before the
 *       compare-and-set that runs when {@code PTTL} answers.
 *   <li><b>SWAPDB</b> is announced by nothing (no invalidation, no keyspace event, Redis 7.0):
 *       only {@link NearCacheConfig#maxEntryAge()} bounds how long entries of the swapped
 *       database are served. Do not use a near-cache across {@code SWAPDB}.
 * </ul>
 *
 * <p>Concurrency: thread-safe; hits take no lock and touch no network. The happens-before that
 * the miss race relies on: Redis sends a key's invalidation on the same connection after any
 * reply that read the key, and Lettuce handles both on one event loop in order, so an
 * invalidation following a reply runs after the reply's compare-and-set was tried if the
 * completion runs on the event loop; if it runs elsewhere (the reply completed before the
 * callback was attached), the invalidation removes the token first and the compare-and-set fails.
 *
 * @param <V> value type ({@link #strings} or {@link #bytes})
 */
public final class TrackedNearCache<V> implements AutoCloseable {
  private final NearCacheConfig config;
  private final NearCacheListener listener;
  private final NearCacheCounters counters = new NearCacheCounters();
  private final Cache<String, CacheSlot<V>> store;
  private final TrackingRoute<V> route;
  private final SentinelWatcher sentinelWatcher;
  private final Duration commandTimeout;
  /** The entry age cap as nanoseconds, capped so {@code sentAt + it} never overflows. */
  private final long maxEntryAgeNanos;
  private final MissStore missStore;
  private final ExpiryRule expiryRule;

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

  /**
   * Whether entries die with their key's server expiry. Only {@link #SERVER_TTL} is correct; the
   * other exists so a test can prove it catches expired keys served locally.
   */
  enum ExpiryRule {
    /** Read PTTL with the value; a hit past the key's expiry is a miss. */
    SERVER_TTL,
    /** Wait for Redis to announce the expiry (what the cache did before). */
    IGNORED
  }

  /** PTTL's answer when the key did not come with one (redirected reads, which are not cached). */
  private static final long TTL_UNKNOWN = Long.MIN_VALUE;

  /** A miss's two replies. */
  private record ValueAndTtl<V>(V value, long pttlMillis) {

    /**
     * Whether the two replies describe the same key. They may not: a key whose expiry falls
     * between the GET and the PTTL gives its value, then -2 (no such key). Redis 7 sends the
     * invalidation of a key expired by this client's own command after that command's reply, so
     * an entry stored on PTTL's reply could be served in between: such a pair is not stored.
     */
    boolean agree() {
      return pttlMillis != TTL_UNKNOWN && (value == null) == (pttlMillis == -2);
    }
  }

  private TrackedNearCache(ClientResources resources, List<RedisURI> endpoints, boolean cluster,
      RedisCodec<String, V> codec, NearCacheConfig config, NearCacheListener listener, MissStore missStore,
      ExpiryRule expiryRule) {
    this.config = Objects.requireNonNull(config, "config");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.missStore = missStore;
    this.expiryRule = expiryRule;
    this.commandTimeout = config.commandTimeout();
    this.maxEntryAgeNanos = Math.min(config.maxEntryAge().toNanos(), TimeUnit.DAYS.toNanos(365));
    this.store = Caffeine.newBuilder()
        .maximumSize(config.maxEntries())
        .expireAfterWrite(config.maxEntryAge())
        .removalListener((String key, CacheSlot<V> slot, RemovalCause cause) -> {
          if (cause.wasEvicted()) {
            counters.evictions.increment();
          }
        })
        .build();
    // Its own RedisClient: tracking needs client options (RESP3, no auto-reconnect) that must
    // not change anyone else's client. The shared resources (event loops) are only borrowed.
    RedisClient client = RedisClient.create(resources);
    TrackingConnection.configure(client, config);
    TrackingConnection.Events events = new RouteEvents();
    if (cluster) {
      this.route = new ClusterRoute<>(client, endpoints, codec, config, events);
      this.sentinelWatcher = null;
    } else {
      RedisURI uri = endpoints.get(0);
      SingleNodeRoute<V> single = new SingleNodeRoute<>(client, uri, codec, config, events);
      this.route = single;
      this.sentinelWatcher = uri.getSentinels().isEmpty()
          ? null
          : new SentinelWatcher(resources, uri, config.ssl(), announced -> single.primaryMovedTo(announced.host() + ":" + announced.port()));
    }
  }

  /** A near-cache of String values on a standalone or Sentinel URI, with its own Lettuce client. */
  public static TrackedNearCache<String> strings(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener) {
    return open(resources, List.of(uri), false, StringCodec.UTF8, config, listener, MissStore.COMPARE_AND_SET, ExpiryRule.SERVER_TTL);
  }

  /** A near-cache of byte[] values on a standalone or Sentinel URI. */
  public static TrackedNearCache<byte[]> bytes(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener) {
    return open(resources, List.of(uri), false, new StringKeyCodec<>(ByteArrayCodec.INSTANCE), config, listener,
        MissStore.COMPARE_AND_SET, ExpiryRule.SERVER_TTL);
  }

  /** A near-cache of String values on a Redis Cluster, given any of its nodes as seeds. */
  public static TrackedNearCache<String> stringsOnCluster(ClientResources resources, List<RedisURI> seeds,
      NearCacheConfig config, NearCacheListener listener) {
    return open(resources, seeds, true, StringCodec.UTF8, config, listener, MissStore.COMPARE_AND_SET, ExpiryRule.SERVER_TTL);
  }

  /** A near-cache of byte[] values on a Redis Cluster. */
  public static TrackedNearCache<byte[]> bytesOnCluster(ClientResources resources, List<RedisURI> seeds,
      NearCacheConfig config, NearCacheListener listener) {
    return open(resources, seeds, true, new StringKeyCodec<>(ByteArrayCodec.INSTANCE), config, listener,
        MissStore.COMPARE_AND_SET, ExpiryRule.SERVER_TTL);
  }

  /** Test seam: a String cache whose misses store their replies as {@code missStore} says. */
  static TrackedNearCache<String> strings(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener, MissStore missStore) {
    return open(resources, List.of(uri), false, StringCodec.UTF8, config, listener, missStore, ExpiryRule.SERVER_TTL);
  }

  /** Test seam: a String cache whose entries do (or, to prove a test catches it, do not) expire with their keys. */
  static TrackedNearCache<String> strings(ClientResources resources, RedisURI uri, NearCacheConfig config,
      NearCacheListener listener, ExpiryRule expiryRule) {
    return open(resources, List.of(uri), false, StringCodec.UTF8, config, listener, MissStore.COMPARE_AND_SET,
        expiryRule);
  }

  private static <V> TrackedNearCache<V> open(ClientResources resources, List<RedisURI> endpoints, boolean cluster,
      RedisCodec<String, V> codec, NearCacheConfig config, NearCacheListener listener, MissStore missStore,
      ExpiryRule expiryRule) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a near-cache needs at least one endpoint");
    }
    TrackedNearCache<V> cache = new TrackedNearCache<>(resources, endpoints, cluster, codec, config, listener,
        missStore, expiryRule);
    try {
      cache.route.start();
      if (cache.sentinelWatcher != null) {
        cache.sentinelWatcher.start();
      }
      return cache;
    } catch (AccessDeniedException e) {
      cache.close();
      throw e; // names the node, the user and what was refused already
    } catch (RuntimeException e) {
      cache.close();
      throw new NearCacheException("cannot start a near-cache on " + endpoints + ": " + e.getMessage(), e);
    }
  }

  // ---- reads ----

  /**
   * The value of {@code key} (null when absent), locally when it can be, else from Redis.
   *
   * @throws NotConnectedException at once, while the tracking connection is being re-established
   * @throws NearCacheException when Redis fails the read, or no reply comes within
   *     {@link NearCacheConfig#commandTimeout()}
   */
  public V get(String key) {
    return await(getAsync(key));
  }

  /** {@link #get}, not waiting: completes exceptionally as {@link #get} throws. */
  public CompletableFuture<V> getAsync(String key) {
    CacheSlot.Cached<V> hit = hit(key);
    return hit != null ? CompletableFuture.completedFuture(hit.value()) : remoteGet(key);
  }

  /** Like {@link #getAsync}, telling whether the value came from the local store. */
  public CompletableFuture<NearCacheRead<V>> readAsync(String key) {
    CacheSlot.Cached<V> hit = hit(key);
    return hit != null
        ? CompletableFuture.completedFuture(new NearCacheRead<>(hit.value(), true))
        : remoteGet(key).thenApply(value -> new NearCacheRead<>(value, false));
  }

  /** Values of {@code keys} in order (null for absent): hits locally, misses fetched together. */
  public Map<String, V> mget(List<String> keys) {
    Map<String, CompletableFuture<V>> pending = new LinkedHashMap<>();
    for (String key : keys) {
      pending.put(key, getAsync(key));
    }
    Map<String, V> values = new LinkedHashMap<>();
    for (Map.Entry<String, CompletableFuture<V>> entry : pending.entrySet()) {
      values.put(entry.getKey(), await(entry.getValue()));
    }
    return values;
  }

  /** The hit path: one map read, one clock read, no lock, no network; null on a miss. */
  private CacheSlot.Cached<V> hit(String key) {
    CacheSlot<V> slot = store.getIfPresent(key);
    if (slot instanceof CacheSlot.Cached<V> cached) {
      TrackingEpoch epoch = route.epochFor(cached.slot());
      if (cached.epoch() == epoch) {
        long now = System.nanoTime();
        if (cached.expiredAt(now)) {
          // expired on the server, perhaps not yet announced: a miss, which reads it afresh
          counters.hitsRefusedExpired.increment();
          store.asMap().remove(key, cached);
          counters.misses.increment();
          return null;
        }
        if (epoch.healthyAt(now)) {
          counters.hits.increment();
          return cached;
        }
        // an epoch that ended (disconnect) is not an unhealthy one: the disconnect flushes it and
        // counts itself; only a live epoch past its heartbeat deadline is a heartbeat miss
        if (!epoch.hasEnded()) {
          counters.hitsRefusedUnhealthy.increment();
          if (epoch.markUnhealthy()) {
            becameUnhealthy(epoch);
          }
        }
      }
    }
    counters.misses.increment();
    return null;
  }

  private CompletableFuture<V> remoteGet(String key) {
    int slot = route.slotOf(key);
    TrackingEpoch epoch = route.epochFor(slot);
    long sentAt = System.nanoTime();
    boolean cacheable = config.tracks(key) && epoch != null && epoch.healthyAt(sentAt);
    CacheSlot.PendingRead<V> token = new CacheSlot.PendingRead<>(epoch);
    if (cacheable) {
      store.put(key, token);
    }
    CompletableFuture<TrackingRoute.Answer<ValueAndTtl<V>>> reply = route.send(key, slot, commands -> {
      // GET, then PTTL right behind it (see "Expiry" above); a PTTL refused (a slot being
      // migrated answers ASK to the second command) leaves the TTL unknown: not cached
      // (issued in this order: OPTIN's CLIENT CACHING YES and Cluster's ASKING apply to the GET)
      CompletionStage<V> value = commands.get(key);
      CompletableFuture<Long> ttl = commands.pttl(key).toCompletableFuture()
          .exceptionally(refused -> TTL_UNKNOWN);
      return value.thenCombine(ttl, ValueAndTtl::new);
    }, cacheable);
    if (missStore == MissStore.BLIND_PUT_LATER) {
      return reply.whenCompleteAsync((answer, failure) -> {
        if (cacheable && failure == null) {
          store.put(key, new CacheSlot.Cached<>(answer.value().value(), answer.epoch(), slot,
              expiresAt(sentAt, answer.value().pttlMillis())));
        }
      }).thenApply(answer -> answer.value().value());
    }
    return reply.whenComplete((answer, failure) -> {
      if (!cacheable) {
        return;
      }
      long expiresAt = failure == null ? expiresAt(sentAt, answer.value().pttlMillis()) : 0;
      if (failure == null && answer.cacheable() && answer.epoch() == route.epochFor(slot)
          && !answer.epoch().hasEnded() && answer.value().agree()
          && System.nanoTime() - expiresAt < 0
          && (answer.value().value() != null || route.cachesAbsentKeys())) {
        store.asMap().replace(key, token, new CacheSlot.Cached<>(answer.value().value(), answer.epoch(), slot,
            expiresAt));
      } else {
        store.asMap().remove(key, token);
      }
    }).thenApply(answer -> answer.value().value());
  }

  /**
   * When an entry read at {@code sentAt} must stop being served: the key's server expiry as
   * {@code PTTL} gave it (no earlier than {@code sentAt + pttl}, PTTL having run after the send
   * and rounding down), or, for a key without expiry (PTTL -1) or absent (-2), the maximum entry
   * age, after which Caffeine drops it anyway.
   */
  private long expiresAt(long sentAt, long pttlMillis) {
    if (pttlMillis >= 0 && expiryRule == ExpiryRule.SERVER_TTL) {
      return sentAt + TimeUnit.MILLISECONDS.toNanos(pttlMillis);
    }
    return sentAt + maxEntryAgeNanos;
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
    store.invalidate(key);
    return route.<String>send(key, route.slotOf(key),
            commands -> ttl == null ? commands.set(key, value) : commands.set(key, value, SetArgs.Builder.px(ttl)),
            false)
        .thenAccept(ok -> store.invalidate(key));
  }

  /** DEL, with the same local drops as {@link #set}. */
  public void delete(String key) {
    store.invalidate(key);
    await(route.<Long>send(key, route.slotOf(key), commands -> commands.del(key), false)
        .thenAccept(deleted -> store.invalidate(key)));
  }

  /** Drops one local entry (Redis is not told). */
  public void invalidateLocal(String key) {
    store.invalidate(key);
  }

  /** Drops every local entry. */
  public void invalidateLocal() {
    flush(FlushReason.LOCAL, slot -> true);
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
    route.close();
    flush(FlushReason.CLOSED, slot -> true);
  }

  // ---- internals ----

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof NearCacheException typed) {
        throw typed; // NotConnectedException stays what it is
      }
      throw new NearCacheException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      future.cancel(false);
      throw new NearCacheException("no reply within " + commandTimeout.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NearCacheException("interrupted", e);
    }
  }

  /** Drops the entries (and reads in flight) that {@code which} selects. */
  private void flush(FlushReason reason, Predicate<Map.Entry<String, CacheSlot<V>>> which) {
    long[] dropped = {0};
    store.asMap().entrySet().removeIf(entry -> {
      boolean drop = which.test(entry);
      if (drop) {
        dropped[0]++;
      }
      return drop;
    });
    counters.flushed(reason);
    listener.onFlush(System.nanoTime(), reason, dropped[0]);
  }

  private void flushEpoch(TrackingEpoch epoch, FlushReason reason) {
    flush(reason, entry -> entry.getValue().epoch() == epoch);
  }

  private void becameUnhealthy(TrackingEpoch epoch) {
    counters.heartbeatMisses.increment();
    flushEpoch(epoch, FlushReason.HEARTBEAT_MISSED);
    listener.onHealthChange(System.nanoTime(), false);
  }

  private final class RouteEvents implements TrackingConnection.Events {
    @Override
    public void epochStarted(TrackingEpoch epoch, TrackingEpoch previous) {
      if (previous != null && !previous.node.equals(epoch.node)) {
        flush(FlushReason.PRIMARY_CHANGED, entry -> true);
      }
      long now = System.nanoTime();
      listener.onEpochChange(now, epoch.number);
      listener.onHealthChange(now, true);
    }

    @Override
    public void epochEnded(TrackingEpoch epoch, FlushReason reason) {
      flushEpoch(epoch, reason);
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
      flush(FlushReason.NULL_INVALIDATION, entry -> true);
    }

    @Override
    public void unhealthy(TrackingEpoch epoch) {
      becameUnhealthy(epoch);
    }

    @Override
    public void healthyAgain(TrackingEpoch epoch) {
      listener.onHealthChange(System.nanoTime(), true);
    }

    @Override
    public void slotsMoved(BitSet slots) {
      flush(FlushReason.SLOTS_MOVED, entry -> slots.get(entry.getValue() instanceof CacheSlot.Cached<V> cached
          ? cached.slot() : SlotHash.getSlot(entry.getKey())));
    }
  }
}

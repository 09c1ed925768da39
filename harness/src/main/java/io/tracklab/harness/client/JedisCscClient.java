package io.tracklab.harness.client;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.csc.CacheConfig;
import redis.clients.jedis.csc.CacheEntry;
import redis.clients.jedis.csc.CacheKey;
import redis.clients.jedis.csc.DefaultCache;
import redis.clients.jedis.csc.LRUEviction;

/**
 * Jedis' own client-side caching (package {@code redis.clients.jedis.csc}) used as its authors
 * show: a RESP3 client built with a {@code Cache}, on every topology Jedis gives one to —
 * {@link RedisClient} (standalone), {@link RedisSentinelClient}, {@link RedisClusterClient}. Each
 * pooled connection sends {@code CLIENT TRACKING ON}; all share the one cache; {@code get(key)} is
 * a hit from the cache or a GET whose reply fills it.
 *
 * <p><b>The cache</b> is Jedis' {@link DefaultCache} (LRU, the default cacheable commands) with
 * three hooks, because Jedis' counters are global and it has no listener: {@code get}/{@code set}
 * tell the reading thread whether its read was answered from the cache (a confirmed hit's last
 * step is a {@code get} that finds the entry; every miss ends with a {@code set} after the GET),
 * {@code deleteByRedisKey} is where an invalidation push removes a key, and {@code flush} is
 * every drop-all. Deviations from the defaults, each for a reason:
 * <ul>
 *   <li>{@code compatibilityMode()} is true: Jedis refuses CSC on servers older than Redis 7.4
 *       (its supported floor), and tracklab's servers are 7.0. What Jedis uses — RESP3,
 *       {@code CLIENT TRACKING ON}, invalidate pushes — is all in 7.0; the switch only skips
 *       Jedis' version check.
 *   <li>The store is a {@link ConcurrentHashMap}, through {@code DefaultCache}'s own map
 *       constructor: the default {@code HashMap} is read outside the cache's lock, a data race
 *       under 16 reading threads. Same semantics, without the race.
 *   <li>At most {@link NearCacheConfig#DEFAULT_MAX_ENTRIES} entries (Jedis' default is 10,000),
 *       so hit ratios compare caching, not size defaults.
 *   <li>The pool holds one connection per reading thread (Jedis' default is 8): each read,
 *       a hit too, borrows one.
 * </ul>
 *
 * <p><b>What is exposed.</b> Invalidations: {@code onInvalidation} per key of each push, with
 * {@code wasHeld} from Jedis' own removal. Jedis reads pushes only when it next uses that
 * connection — a command on it, or a hit on an entry it loaded while no other thread holds it —
 * never in the background, so the event (and the eviction) is as late as that; {@code nanoTime}
 * is when Jedis evicted.
 * Flushes: {@code onFlush} for every drop-all, a null invalidation ({@code NULL_INVALIDATION}),
 * a Sentinel primary switch ({@code PRIMARY_CHANGED}; Jedis' first lookup counts, empty), a
 * Cluster slot-map refresh — at start and on every MOVED — ({@code SLOTS_MOVED}), closing ({@code CLOSED}), and otherwise a pooled
 * connection's disconnect ({@code DISCONNECTED}: any connection destroyed, broken or idle-evicted
 * by the pool flushes the whole shared cache). Jedis' flush takes no reason, so it is read from
 * its caller. Not exposed: LRU evictions (not invalidations), entries dropped because their
 * connection broke, epochs and health — Jedis has no heartbeat, and a connection the server
 * dropped keeps serving its entries until Jedis next uses it. No counters: {@link #stats()} is
 * null.
 *
 * <p><b>Threads.</b> Jedis blocks, so reads run on this client's 16 daemon threads, never on the
 * caller's (Gatling's) event loop; a hit costs that hop, a pool checkout, a look at the owning
 * socket for pending pushes and Jedis' deserialisation of its stored copy: what this client costs
 * as designed.
 */
public final class JedisCscClient implements CacheClient {
  public static final String NAME = "jedis-csc";

  private final ObservedCache cache;
  private final UnifiedJedis jedis;
  private final ReaderPool readers;
  private final AtomicBoolean closed = new AtomicBoolean();

  private JedisCscClient(ClientEndpoints endpoints, NearCacheListener listener) {
    ClientSupport.require(NAME, endpoints);
    CacheConfig defaults = CacheConfig.builder().maxSize((int) NearCacheConfig.DEFAULT_MAX_ENTRIES).build();
    this.readers = new ReaderPool(NAME);
    this.cache = new ObservedCache(defaults, listener, readers);
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(ReaderPool.THREADS);
    pool.setMaxIdle(ReaderPool.THREADS);
    this.jedis = connect(endpoints, cache, pool);
  }

  public static CacheClient.Factory factory() {
    return JedisCscClient::new;
  }

  private static UnifiedJedis connect(ClientEndpoints endpoints, ObservedCache cache, ConnectionPoolConfig pool) {
    RedisURI first = endpoints.uris().get(0);
    if (endpoints.cluster()) {
      Set<HostAndPort> seeds = new LinkedHashSet<>();
      endpoints.uris().forEach(uri -> seeds.add(new HostAndPort(uri.getHost(), uri.getPort())));
      return RedisClusterClient.builder().nodes(seeds).clientConfig(config(first).resp3().build())
          .cache(cache).poolConfig(pool).build();
    }
    JedisClientConfig data = config(first).resp3().database(first.getDatabase()).build();
    if (!first.getSentinels().isEmpty()) {
      Set<HostAndPort> sentinels = new LinkedHashSet<>();
      first.getSentinels().forEach(uri -> sentinels.add(new HostAndPort(uri.getHost(), uri.getPort())));
      return RedisSentinelClient.builder().masterName(first.getSentinelMasterId()).sentinels(sentinels)
          .sentinelClientConfig(config(first.getSentinels().get(0)).build())
          .clientConfig(data).cache(cache).poolConfig(pool).build();
    }
    return RedisClient.builder().hostAndPort(first.getHost(), first.getPort())
        .clientConfig(data).cache(cache).poolConfig(pool).build();
  }

  /** What the URI says, where Jedis has it: timeout, static credentials, client name, TLS. */
  private static DefaultJedisClientConfig.Builder config(RedisURI uri) {
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, uri.getTimeout().toMillis());
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis(timeoutMillis).socketTimeoutMillis(timeoutMillis).ssl(uri.isSsl());
    if (uri.getClientName() != null) {
      config.clientName(uri.getClientName());
    }
    // resolved once (Jedis keeps them: a rotating provider's later credentials are not seen)
    RedisCredentialsProvider provider = uri.getCredentialsProvider();
    if (provider != null) {
      RedisCredentials credentials = provider.resolveCredentials().block(uri.getTimeout());
      if (credentials != null && credentials.hasPassword()) {
        config.password(new String(credentials.getPassword()));
        if (credentials.hasUsername()) {
          config.user(credentials.getUsername());
        }
      }
    }
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    return readers.read(() -> jedis.get(key));
  }

  @Override
  public NearCacheStats stats() {
    return null;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    readers.close();
    cache.closing = true;
    jedis.close();
  }

  /**
   * Jedis' default cache, telling reads apart and reporting what it drops. Jedis calls it on the
   * reading thread for gets and sets, and under its own lock for deletes and flushes, so the
   * listener is called there: it must return quickly (as {@link NearCacheListener} requires).
   */
  private static final class ObservedCache extends DefaultCache {
    private static final String SENTINEL_PROVIDER = "redis.clients.jedis.providers.SentineledConnectionProvider";
    private static final String CLUSTER_SLOTS = "redis.clients.jedis.JedisClusterInfoCache";

    /** Hears, on the reading thread, whether its read so far was answered from the cache (see class comment). */
    private final ReaderPool readers;
    private final NearCacheListener listener;
    volatile boolean closing;

    ObservedCache(CacheConfig config, NearCacheListener listener, ReaderPool readers) {
      super(config.getMaxSize(), new ConcurrentHashMap<>(), config.getCacheable(), new LRUEviction(config.getMaxSize()));
      this.listener = listener;
      this.readers = readers;
    }

    @Override
    public boolean compatibilityMode() {
      return true;
    }

    @Override
    public CacheEntry get(CacheKey key) {
      CacheEntry entry = super.get(key);
      readers.servedLocally(entry != null);
      return entry;
    }

    @Override
    public CacheEntry set(CacheKey key, CacheEntry entry) {
      readers.servedLocally(false); // only a reply from Redis is stored
      return super.set(key, entry);
    }

    /** One key of an invalidation push (Jedis passes the key's bytes). */
    @Override
    public List<CacheKey> deleteByRedisKey(Object key) {
      List<CacheKey> dropped = super.deleteByRedisKey(key);
      String name = key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
      listener.onInvalidation(System.nanoTime(), name, !dropped.isEmpty());
      return dropped;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public List<CacheKey> deleteByRedisKeys(List keys) {
      if (keys == null) { // a null invalidation: FLUSHALL, FLUSHDB
        flush(FlushReason.NULL_INVALIDATION);
        return null;
      }
      return super.deleteByRedisKeys(keys);
    }

    @Override
    public int flush() {
      return flush(closing ? FlushReason.CLOSED : reasonFromCaller());
    }

    private int flush(FlushReason reason) {
      int dropped = super.flush();
      listener.onFlush(System.nanoTime(), reason, dropped);
      return dropped;
    }

    /** Jedis' flush has no reason; who calls it says (rare, so walking the stack is cheap enough). */
    private static FlushReason reasonFromCaller() {
      return StackWalker.getInstance().walk(frames -> frames
          .map(frame -> switch (frame.getClassName() + "#" + frame.getMethodName()) {
            case SENTINEL_PROVIDER + "#initMaster" -> FlushReason.PRIMARY_CHANGED;
            case CLUSTER_SLOTS + "#discoverClusterSlots" -> FlushReason.SLOTS_MOVED;
            default -> null;
          })
          .filter(reason -> reason != null)
          .findFirst()
          .orElse(FlushReason.DISCONNECTED));
    }
  }
}

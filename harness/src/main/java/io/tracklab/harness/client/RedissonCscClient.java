package io.tracklab.harness.client;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.Redisson;
import org.redisson.api.RClientSideCaching;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.TrackingListener;
import org.redisson.api.options.ClientSideCachingOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.config.BaseConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.Protocol;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;

/**
 * Redisson's own client-side caching (3.45.1), used as its authors show: a RESP3 client,
 * {@code redisson.getClientSideCaching(ClientSideCachingOptions.defaults())}, and
 * {@code getBucket(key, StringCodec.INSTANCE).getAsync()} for a read — a plain GET whose reply is
 * kept locally until Redis invalidates the key. This is Redisson's tracking-based API; its other
 * near-cache, {@code RLocalCachedMap}, invalidates entries of one Redis hash over pub/sub and so
 * would never read the workload's plain string keys.
 *
 * <p>How Redisson does it: on every primary it knows at start, it takes one pooled connection out
 * of the pool for good (the "tracked" connection), sends {@code CLIENT TRACKING ON REDIRECT <id>}
 * on it with the id of a pub/sub connection subscribed to {@code __redis__:invalidate}, and sends
 * every cached read on that tracked connection. The local store is a map from the read's arguments
 * to the read's <em>future</em>, filled by {@code computeIfAbsent}: concurrent misses of a key
 * share one GET, and an invalidation of a key removes every future read for it. No size bound
 * and no maximum age by default (the defaults are used).
 *
 * <p>Topologies: standalone, Sentinel and Cluster all track (the IT proves each). Sentinel and
 * Cluster read with {@link ReadMode#MASTER}: with Redisson's default, reading from replicas, GETs
 * go to replica connections that never sent {@code CLIENT TRACKING}, so nothing would invalidate.
 *
 * <p>Hits: Redisson exposes no hit signal, but a hit hands back the very future object a
 * previous read got, while a miss creates a new one. So each read first looks up the future the
 * last read of the key returned ({@code issued}), then reads: {@code local} is true exactly when
 * the same, already completed future comes back — served from Redisson's map, no command sent.
 * A read that joins a miss still in flight (same future, not completed) counts as remote: it
 * waited for a round trip. Errors are only on the safe side, a hit counted as remote, in two
 * races as wide as a map write: a hit on a future whose own read has not yet recorded it in
 * {@code issued}, or one whose record an invalidation of the previous value has just dropped.
 *
 * <p>Invalidations: Redisson has no listener on its client-side cache; it hides its
 * {@code TrackingListener}. This client registers a second {@code TrackingListener} on the same
 * per-node invalidation subscription through Redisson's internal (public, unsupported)
 * {@code PublishSubscribeService.subscribe(executor, TrackingListener)}, the call Redisson's cache
 * makes itself; both run one after the other on Redisson's listener thread, Redisson's first, so
 * {@code onInvalidation} is timed just after the key left Redisson's map. {@code wasHeld} says
 * whether a read of the key had been issued since its last invalidation, the same bookkeeping
 * Redisson's map keeps. Nothing else is reported, because Redisson does nothing else: this client
 * never calls {@code onFlush}, {@code onEpochChange} or {@code onHealthChange}.
 *
 * <p>What Redisson's cache does not handle (3.45.1; the first two are pinned by the IT):
 * <ul>
 *   <li>A null invalidation (FLUSHALL, FLUSHDB) reaches no listener and flushes nothing, while
 *       Redis stops tracking every key: entries are then served forever, whatever is written.
 *   <li>A reconnect neither flushes nor re-tracks: hits go on while disconnected, and after the
 *       reconnect no connection has {@code CLIENT TRACKING} on, so no write invalidates anything
 *       any more, old entries or new.
 *   <li>A Sentinel failover likewise: the client follows the new primary, keeps its entries, and
 *       the new primary tracks nothing (seen by hand, not in the IT: a failover takes seconds).
 *   <li>A failed miss (timeout, connection down) is cached as a failed future: every later read of
 *       the key fails at once, without a round trip, until the key is invalidated — which, its
 *       GET never having reached Redis, does not happen.
 * </ul>
 * This client reports all of it as it is (such reads are local hits or failures) and works
 * around none of it: it measures Redisson.
 */
public final class RedissonCscClient implements CacheClient {
  public static final String NAME = "redisson";

  private final RedissonClient redisson;
  private final RClientSideCaching caching;
  /**
   * The future the latest read of each key got from Redisson (dropped on the key's invalidation).
   * Only ever compared by identity: a future found here before a read that then gets the same
   * future back was cached before that read began.
   */
  private final Map<String, RFuture<String>> issued = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedissonCscClient(ClientEndpoints endpoints, NearCacheListener listener) {
    ClientSupport.require(NAME, endpoints);
    this.redisson = Redisson.create(config(endpoints));
    try {
      this.caching = redisson.getClientSideCaching(ClientSideCachingOptions.defaults());
      CommandAsyncExecutor executor = ((Redisson) redisson).getCommandExecutor();
      TrackingListener invalidations = key -> {
        boolean held = issued.remove(key) != null;
        listener.onInvalidation(System.nanoTime(), key, held);
      };
      // every node is tracked already (by the cache above): this only adds a listener
      executor.getConnectionManager().getSubscribeService()
          .subscribe(executor.copy(true), invalidations)
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      redisson.shutdown(0, 2, TimeUnit.SECONDS);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw e instanceof RuntimeException runtime ? runtime
          : new IllegalStateException("cannot listen to Redisson's invalidations: " + e.getMessage(), e);
    }
  }

  public static CacheClient.Factory factory() {
    return RedissonCscClient::new;
  }

  /**
   * Redisson's configuration for the endpoints: RESP3 (the client-side cache refuses RESP2),
   * {@link StringCodec}, the URIs' timeout, credentials, database and client name. Pools keep one
   * idle connection: cached reads all go over the one tracked connection per primary, the pool
   * only carries setup commands (Redisson's default of 24 idle connections a node would open
   * 24 sockets per node per client for nothing).
   */
  static Config config(ClientEndpoints endpoints) {
    RedisURI first = endpoints.uris().get(0);
    Config config = new Config()
        .setProtocol(Protocol.RESP3)
        .setCodec(StringCodec.INSTANCE);
    if (endpoints.cluster()) {
      ClusterServersConfig cluster = config.useClusterServers()
          .setReadMode(ReadMode.MASTER)
          .setMasterConnectionMinimumIdleSize(1)
          .setSlaveConnectionMinimumIdleSize(1);
      endpoints.uris().forEach(uri -> cluster.addNodeAddress(address(uri)));
      carryOver(first, cluster);
    } else if (!first.getSentinels().isEmpty()) {
      SentinelServersConfig sentinel = config.useSentinelServers()
          .setMasterName(first.getSentinelMasterId())
          .setReadMode(ReadMode.MASTER)
          .setDatabase(first.getDatabase())
          .setMasterConnectionMinimumIdleSize(1)
          .setSlaveConnectionMinimumIdleSize(1);
      first.getSentinels().forEach(uri -> sentinel.addSentinelAddress(address(uri)));
      carryOver(first, sentinel);
      RedisCredentials sentinelCredentials = staticCredentials(first.getSentinels().get(0));
      if (sentinelCredentials != null) {
        sentinel.setSentinelPassword(new String(sentinelCredentials.getPassword()));
        if (sentinelCredentials.hasUsername()) {
          sentinel.setSentinelUsername(sentinelCredentials.getUsername());
        }
      }
    } else {
      SingleServerConfig single = config.useSingleServer()
          .setAddress(address(first))
          .setDatabase(first.getDatabase())
          .setConnectionMinimumIdleSize(1);
      carryOver(first, single);
    }
    return config;
  }

  private static String address(RedisURI uri) {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
  }

  /** Timeout, client name and credentials. */
  private static void carryOver(RedisURI uri, BaseConfig<?> config) {
    config.setTimeout((int) Math.min(Integer.MAX_VALUE, uri.getTimeout().toMillis()));
    if (uri.getClientName() != null) {
      config.setClientName(uri.getClientName());
    }
    RedisCredentials credentials = staticCredentials(uri);
    if (credentials != null) {
      config.setPassword(new String(credentials.getPassword()));
      if (credentials.hasUsername()) {
        config.setUsername(credentials.getUsername());
      }
    }
  }

  /**
   * The URI's credentials, resolved once (Redisson keeps them: a rotating provider's later
   * credentials are not seen); null without a password.
   */
  private static RedisCredentials staticCredentials(RedisURI uri) {
    RedisCredentialsProvider provider = uri.getCredentialsProvider();
    if (provider == null) {
      return null;
    }
    RedisCredentials credentials = provider.resolveCredentials().block(uri.getTimeout());
    return credentials != null && credentials.hasPassword() ? credentials : null;
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Non-blocking: a hit completes on the caller's thread; a miss completes on a Redisson thread
   * when the GET's reply arrives.
   */
  @Override
  public CompletableFuture<NearCacheRead<String>> readAsync(String key) {
    // Happens-before: a future found here was published (ConcurrentHashMap put) by a read that
    // had already received it from Redisson, i.e. it was in Redisson's map before this read began.
    RFuture<String> before = issued.get(key);
    RFuture<String> reply = caching.<String>getBucket(key, StringCodec.INSTANCE).getAsync();
    boolean local = reply == before && reply.isDone();
    if (!local) {
      issued.put(key, reply);
    }
    return reply.toCompletableFuture().thenApply(value -> new NearCacheRead<>(value, local));
  }

  @Override
  public NearCacheStats stats() {
    return null;
  }

  /** Shuts Redisson down (its event loops, executor and timers); idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      redisson.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}

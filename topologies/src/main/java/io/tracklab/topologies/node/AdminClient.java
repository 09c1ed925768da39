package io.tracklab.topologies.node;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;
import io.tracklab.topologies.RedisNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Direct admin connections to nodes, bypassing their proxies: readiness checks, failovers, slot
 * migration. One Lettuce client, created on first use (a standalone topology never needs it),
 * and one connection per node, dropped when the node is killed so Lettuce does not keep
 * reconnecting to a corpse.
 */
public final class AdminClient implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(3);

  private final Map<String, StatefulRedisConnection<String, String>> redis = new ConcurrentHashMap<>();
  private final Map<String, StatefulRedisSentinelConnection<String, String>> sentinels =
      new ConcurrentHashMap<>();
  private final SslOptions ssl;
  private RedisClient client;

  /** Admin connections without TLS. */
  public AdminClient() {
    this(null);
  }

  /** Admin connections over TLS with {@code ssl} (the node URIs say rediss://) unless it is null. */
  public AdminClient(SslOptions ssl) {
    this.ssl = ssl;
  }

  private synchronized RedisClient client() {
    if (client == null) {
      client = RedisClient.create();
      ClientOptions.Builder options = ClientOptions.builder().autoReconnect(true);
      if (ssl != null) {
        options.sslOptions(ssl);
      }
      client.setOptions(options.build());
    }
    return client;
  }

  public RedisCommands<String, String> redis(RedisNode node) {
    return redis.computeIfAbsent(node.name(), name -> client().connect(timed(node.directUri()))).sync();
  }

  public RedisSentinelCommands<String, String> sentinel(RedisNode node) {
    return sentinels.computeIfAbsent(node.name(), name -> client().connectSentinel(timed(node.directUri())))
        .sync();
  }

  /** Closes the connections to a node (killed, or about to be). */
  public void forget(String name) {
    StatefulRedisConnection<String, String> connection = redis.remove(name);
    if (connection != null) {
      connection.closeAsync();
    }
    StatefulRedisSentinelConnection<String, String> sentinel = sentinels.remove(name);
    if (sentinel != null) {
      sentinel.closeAsync();
    }
  }

  private static RedisURI timed(RedisURI uri) {
    RedisURI copy = RedisURI.builder(uri).build();
    copy.setTimeout(COMMAND_TIMEOUT);
    return copy;
  }

  @Override
  public synchronized void close() {
    redis.values().forEach(StatefulRedisConnection::close);
    sentinels.values().forEach(StatefulRedisSentinelConnection::close);
    redis.clear();
    sentinels.clear();
    if (client != null) {
      client.shutdown(0, 2, TimeUnit.SECONDS);
      client = null;
    }
  }
}

package io.tracklab.harness.nearcache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Listens to every Sentinel for {@code +switch-master} of one master and says where it went, as
 * soon as the first Sentinel announces it (each Sentinel announces it: callers see it up to once
 * per Sentinel). The near-cache renews its tracking connection on it; the simulations' writer
 * moves to the announced address. Needed because a failover does not drop connections to the
 * old primary: it keeps answering (as a primary, then as a replica) until Sentinel reconfigures
 * it, seconds later, while writes already go to the new one.
 *
 * <p>Its own Lettuce client with auto-reconnect (watchers should come back by themselves), on
 * the cache's resources. A Sentinel that cannot be reached at start is skipped; one is enough.
 */
public final class SentinelWatcher implements AutoCloseable {
  private static final String SWITCH_MASTER = "+switch-master";

  /** The new primary's announced address. */
  public record Switch(String host, int port) {}

  private final RedisClient client;
  private final RedisURI uri;
  private final Consumer<Switch> onSwitch;
  private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();

  /** Call {@link #start}; {@code onSwitch} runs on a Lettuce I/O thread and must not block. */
  public SentinelWatcher(ClientResources resources, RedisURI uri, Consumer<Switch> onSwitch) {
    this(resources, uri, null, onSwitch);
  }

  /** Reaches the Sentinels over TLS with {@code ssl} unless null (their URIs carry the credentials). */
  public SentinelWatcher(ClientResources resources, RedisURI uri, SslOptions ssl, Consumer<Switch> onSwitch) {
    this.client = RedisClient.create(resources);
    if (ssl != null) {
      client.setOptions(ClientOptions.builder().sslOptions(ssl).build());
    }
    this.uri = uri;
    this.onSwitch = onSwitch;
  }

  public void start() {
    RuntimeException last = null;
    for (RedisURI sentinel : uri.getSentinels()) {
      try {
        StatefulRedisPubSubConnection<String, String> connection =
            client.connectPubSub(sentinel);
        connection.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            // "<master name> <old ip> <old port> <new ip> <new port>"
            String[] parts = message.split(" ");
            if (SWITCH_MASTER.equals(channel) && parts.length == 5 && parts[0].equals(uri.getSentinelMasterId())) {
              onSwitch.accept(new Switch(parts[3], Integer.parseInt(parts[4])));
            }
          }
        });
        connection.sync().subscribe(SWITCH_MASTER);
        subscriptions.add(connection);
      } catch (RuntimeException e) {
        last = e;
      }
    }
    if (subscriptions.isEmpty()) {
      throw new NearCacheException("no Sentinel of " + uri + " accepted a +switch-master subscription", last);
    }
  }

  @Override
  public void close() {
    subscriptions.forEach(StatefulRedisPubSubConnection::close);
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}

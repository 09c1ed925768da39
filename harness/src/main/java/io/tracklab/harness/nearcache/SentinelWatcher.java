package io.tracklab.harness.nearcache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Listens to every Sentinel for {@code +switch-master} of the cache's master and renews the
 * tracking connection when it comes. Needed because a failover does not drop connections to the
 * old primary: it keeps answering (as a primary, then as a replica) until Sentinel reconfigures
 * it, seconds later, while writes already go to the new one.
 *
 * <p>Its own Lettuce client with auto-reconnect (watchers should come back by themselves), on
 * the cache's resources. A Sentinel that cannot be reached at start is skipped; one is enough.
 */
final class SentinelWatcher implements AutoCloseable {
  private static final String SWITCH_MASTER = "+switch-master";

  private final RedisClient client;
  private final RedisURI uri;
  private final Runnable onSwitch;
  private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();

  SentinelWatcher(ClientResources resources, RedisURI uri, Runnable onSwitch) {
    this.client = RedisClient.create(resources);
    this.uri = uri;
    this.onSwitch = onSwitch;
  }

  void start() {
    RuntimeException last = null;
    for (RedisURI sentinel : uri.getSentinels()) {
      try {
        StatefulRedisPubSubConnection<String, String> connection =
            client.connectPubSub(RedisURI.create(sentinel.getHost(), sentinel.getPort()));
        connection.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            // "<master name> <old ip> <old port> <new ip> <new port>"
            if (SWITCH_MASTER.equals(channel) && message.startsWith(uri.getSentinelMasterId() + " ")) {
              onSwitch.run();
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

package io.tracklab.simulations.run;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The writer's connection on a Sentinel topology: to the primary the Sentinels name, moved to the
 * address a {@code +switch-master} announces as soon as the first Sentinel publishes it.
 *
 * <p>Why not Lettuce's {@code MasterReplica}: it refreshes its view of the topology seconds after
 * the announcement (measured here: 3.7 s), and after {@code SENTINEL FAILOVER} the demoted primary
 * goes on accepting writes until Sentinel reconfigures it (8 s or more). Every write acknowledged
 * there is lost, and the near-cache, which follows the announcement at once, would be "stale"
 * against writes that no longer exist; the run would measure our writer, not the client under
 * test. The old connection is closed on the switch, so writes still queued on it fail instead of
 * being acknowledged by a primary that no longer is one.
 */
final class SentinelPrimaryFollower implements Supplier<StatefulRedisConnection<String, String>>, AutoCloseable {
  private static final String SWITCH_MASTER = "+switch-master";

  private final RedisClient client;
  private final String masterName;
  private final AtomicReference<StatefulRedisConnection<String, String>> current = new AtomicReference<>();
  private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();
  private final AtomicReference<String> announced = new AtomicReference<>("");
  private final ExecutorService switcher = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tracklab-writer-switch");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  SentinelPrimaryFollower(RedisClient client, RedisURI sentinelUri) {
    this.client = client;
    this.masterName = sentinelUri.getSentinelMasterId();
    for (RedisURI sentinel : sentinelUri.getSentinels()) {
      StatefulRedisPubSubConnection<String, String> subscription =
          client.connectPubSub(RedisURI.create(sentinel.getHost(), sentinel.getPort()));
      subscription.addListener(new RedisPubSubAdapter<>() {
        @Override
        public void message(String channel, String message) {
          // "<master name> <old ip> <old port> <new ip> <new port>"
          String[] parts = message.split(" ");
          if (SWITCH_MASTER.equals(channel) && parts.length == 5 && parts[0].equals(masterName)) {
            switchTo(parts[3], Integer.parseInt(parts[4]), sentinelUri.getTimeout());
          }
        }
      });
      subscription.sync().subscribe(SWITCH_MASTER);
      subscriptions.add(subscription);
    }
    current.set(client.connect(sentinelUri)); // after subscribing: no announcement can fall between
  }

  private void switchTo(String host, int port, Duration timeout) {
    String address = host + ":" + port;
    if (closed || address.equals(announced.getAndSet(address))) {
      return; // every Sentinel announces the same switch
    }
    // connecting blocks: not on the pub/sub I/O thread; one switch after the other
    switcher.execute(() -> {
      RedisURI uri = RedisURI.create(host, port);
      uri.setTimeout(timeout);
      StatefulRedisConnection<String, String> next = client.connect(uri);
      StatefulRedisConnection<String, String> previous = current.getAndSet(next);
      if (closed) {
        next.close();
      }
      previous.close();
    });
  }

  @Override
  public StatefulRedisConnection<String, String> get() {
    return current.get();
  }

  @Override
  public void close() {
    closed = true;
    switcher.shutdownNow();
    subscriptions.forEach(StatefulRedisPubSubConnection::close);
    current.get().close();
  }
}

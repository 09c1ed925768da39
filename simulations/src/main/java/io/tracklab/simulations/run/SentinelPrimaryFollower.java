package io.tracklab.simulations.run;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import io.tracklab.harness.nearcache.SentinelWatcher;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The writer's connection on a Sentinel topology: to the primary the Sentinels name, moved to the
 * address a {@code +switch-master} announces as soon as the first Sentinel publishes it (the
 * near-cache's {@link SentinelWatcher}).
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
  private final RedisClient client;
  private final RedisURI sentinelUri;
  private final SentinelWatcher watcher;
  private final AtomicReference<StatefulRedisConnection<String, String>> current = new AtomicReference<>();
  private final AtomicReference<SentinelWatcher.Switch> announced = new AtomicReference<>();
  private final ExecutorService switcher = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tracklab-writer-switch");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;

  SentinelPrimaryFollower(ClientResources resources, RedisClient client, RedisURI sentinelUri, SslOptions ssl) {
    this.client = client;
    this.sentinelUri = sentinelUri;
    this.watcher = new SentinelWatcher(resources, sentinelUri, ssl, this::switchTo);
    watcher.start();
    current.set(client.connect(sentinelUri)); // after subscribing: no announcement can fall between
  }

  private void switchTo(SentinelWatcher.Switch to) {
    if (closed || to.equals(announced.getAndSet(to))) {
      return; // every Sentinel announces the same switch
    }
    // connecting blocks: not on the pub/sub I/O thread; one switch after the other
    switcher.execute(() -> {
      // the data nodes' credentials and TLS are the Sentinel URI's top level's
      RedisURI uri = RedisURI.Builder.redis(to.host(), to.port()).withAuthentication(sentinelUri)
          .withSsl(sentinelUri).withTimeout(sentinelUri.getTimeout()).build();
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
    watcher.close();
    current.get().close();
  }
}

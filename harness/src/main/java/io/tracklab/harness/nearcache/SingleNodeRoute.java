package io.tracklab.harness.nearcache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.RedisCodec;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** Standalone or Sentinel: every key on one tracking connection (slot 0). */
final class SingleNodeRoute<V> implements TrackingRoute<V> {
  private final TrackingConnection connection;

  SingleNodeRoute(RedisClient client, RedisURI uri, RedisCodec<String, V> codec, NearCacheConfig config,
      TrackingConnection.Events events) {
    this.connection = new TrackingConnection(client, true, uri, codec, config, events);
  }

  @Override
  public void start() {
    connection.start(true);
  }

  @Override
  public boolean cachesAbsentKeys() {
    return true;
  }

  @Override
  public int slotOf(String key) {
    return 0;
  }

  @Override
  public TrackingEpoch epochFor(int slot) {
    return connection.current();
  }

  @Override
  public <T> CompletableFuture<Answer<T>> send(String key, int slot,
      Function<RedisAsyncCommands<String, V>, ? extends CompletionStage<T>> command, boolean cachedRead) {
    TrackingEpoch epoch = connection.current();
    if (epoch == null) {
      return CompletableFuture.failedFuture(new NotConnectedException("not connected to Redis (reconnecting)"));
    }
    return epoch.<V, T>send(command, cachedRead, false).toCompletableFuture()
        .thenApply(value -> new Answer<>(value, epoch, true));
  }

  /** Sentinel announced a new primary: renew the connection unless it is there already. */
  void primaryMovedTo(String hostPort) {
    connection.primaryMovedTo(hostPort);
  }

  @Override
  public void close() {
    connection.close();
  }
}

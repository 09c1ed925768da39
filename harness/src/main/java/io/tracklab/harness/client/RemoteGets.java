package io.tracklab.harness.client;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Plain Lettuce GETs on one connection (a cluster connection on Cluster), for clients without tracking. */
final class RemoteGets implements AutoCloseable {
  private final Function<String, CompletableFuture<String>> get;
  private final AutoCloseable connection;
  private final AutoCloseable client;

  private RemoteGets(Function<String, CompletableFuture<String>> get, AutoCloseable connection, AutoCloseable client) {
    this.get = get;
    this.connection = connection;
    this.client = client;
  }

  static RemoteGets open(ClientEndpoints endpoints) {
    if (endpoints.cluster()) {
      RedisClusterClient client = RedisClusterClient.create(endpoints.resources(), endpoints.uris());
      client.setOptions(ClusterClientOptions.builder(endpoints.clientOptions().build()).build());
      StatefulRedisClusterConnection<String, String> connection = client.connect();
      return new RemoteGets(key -> connection.async().get(key).toCompletableFuture(), connection,
          () -> client.shutdown(0, 2, TimeUnit.SECONDS));
    }
    RedisClient client = RedisClient.create(endpoints.resources(), endpoints.uris().get(0));
    client.setOptions(endpoints.clientOptions().build());
    StatefulRedisConnection<String, String> connection = client.connect();
    return new RemoteGets(key -> connection.async().get(key).toCompletableFuture(), connection,
        () -> client.shutdown(0, 2, TimeUnit.SECONDS));
  }

  CompletableFuture<String> get(String key) {
    return get.apply(key);
  }

  @Override
  public void close() {
    try {
      connection.close();
      client.close();
    } catch (Exception e) {
      throw new IllegalStateException("cannot close the connection: " + e.getMessage(), e);
    }
  }
}

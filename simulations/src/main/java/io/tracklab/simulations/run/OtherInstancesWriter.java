package io.tracklab.simulations.run;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.tracklab.harness.client.ClientEndpoints;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.harness.workload.StampedWriter;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.harness.workload.WorkloadSpec;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The writer standing for the other application instances: its connection (which path to Redis
 * it takes on each topology) and the preload it writes before the load.
 */
final class OtherInstancesWriter {
  /** Preload writes in flight at once: see {@link #preload}. */
  private static final int PRELOAD_WINDOW = 256;

  private OtherInstancesWriter() {}

  /**
   * A writer connected for {@code kind}; every client and connection it opens is handed to
   * {@code closeFirst} (closed before the topology).
   */
  static StampedWriter connect(Topology topology, TopologyKind kind, ClientEndpoints endpoints,
      Duration commandTimeout, Consumer<AutoCloseable> closeFirst) {
    return new StampedWriter(connection(topology, kind, endpoints, uris(topology, kind, endpoints.uris(), commandTimeout),
        closeFirst));
  }

  /**
   * Where "the other instances" write. On a standalone topology, straight to Redis, bypassing the
   * proxy: a fault on the proxy then cuts or slows only the client under test, as a network fault
   * between one application instance and Redis does, while writes go on and must reach it as
   * invalidations. Sentinel and Cluster writers need discovery and go through the proxies like
   * the client (a fault there is a fault of the node for everyone).
   */
  private static List<RedisURI> uris(Topology topology, TopologyKind kind, List<RedisURI> clientUris,
      Duration commandTimeout) {
    if (kind != TopologyKind.STANDALONE) {
      return clientUris;
    }
    RedisURI direct = topology.currentPrimary(0).directUri();
    // the direct address, but as the application's user like the client under test, not the admin
    RedisURI asClient = RedisURI.Builder.redis(direct.getHost(), direct.getPort()).withSsl(direct)
        .withAuthentication(clientUris.get(0)).withTimeout(commandTimeout).build();
    return List.of(asClient);
  }

  private static Supplier<? extends StatefulConnection<String, String>> connection(Topology topology, TopologyKind kind,
      ClientEndpoints endpoints, List<RedisURI> uris, Consumer<AutoCloseable> closeFirst) {
    if (kind == TopologyKind.CLUSTER) {
      RedisClusterClient clusterClient = RedisClusterClient.create(endpoints.resources(), uris);
      // follow failovers and migrations as they happen, not on the next periodic refresh
      clusterClient.setOptions(ClusterClientOptions.builder(endpoints.clientOptions().build())
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enableAllAdaptiveRefreshTriggers()
              .enablePeriodicRefresh(Duration.ofSeconds(1))
              .build())
          .build());
      closeFirst.accept(() -> clusterClient.shutdown(0, 2, TimeUnit.SECONDS));
      StatefulConnection<String, String> connection = clusterClient.connect();
      return () -> connection;
    }
    RedisClient plain = RedisClient.create(endpoints.resources(), uris.get(0));
    plain.setOptions(endpoints.clientOptions().build());
    closeFirst.accept(() -> plain.shutdown(0, 2, TimeUnit.SECONDS));
    if (kind == TopologyKind.SENTINEL) {
      SentinelPrimaryFollower follower = new SentinelPrimaryFollower(endpoints.resources(), plain, uris.get(0),
          topology.sslOptions().orElse(null));
      closeFirst.accept(follower);
      return follower;
    }
    StatefulConnection<String, String> connection = plain.connect();
    return () -> connection;
  }

  /**
   * Version 1 of every key of {@code slice}, so reads find values from the first second. At most
   * {@value #PRELOAD_WINDOW} writes in flight: all at once, the last of 10,000 waits for the
   * replies of all the others, and on a cold proxy (a container's JVM that just started, 6,402
   * replies in 2 s measured) it outlives its command timeout; each write's wait must not grow
   * with the key count.
   */
  static void preload(StampedWriter writer, WorkloadSpec workload, KeySlice slice, RunRecorder recorder) {
    Semaphore window = new Semaphore(PRELOAD_WINDOW);
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int key = slice.index(); key < workload.keys(); key += slice.count()) {
      int index = key;
      window.acquireUninterruptibly();
      long version = recorder.writeSending(index, System.nanoTime());
      writes.add(writer.set(workload.key(index), new VersionedValue(workload.key(index), version, 0)
              .encode(workload.valueSize()), workload.expiry().ttlOf(index))
          .whenComplete((acked, failure) -> window.release())
          .thenAccept(acked -> recorder.writeAcked(index, version, acked, null)));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }
}

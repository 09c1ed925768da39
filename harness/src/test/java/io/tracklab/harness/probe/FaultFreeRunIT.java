package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.nearcache.NearCacheStats;
import io.tracklab.harness.nearcache.TrackedNearCache;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.workload.KeyChooser;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.StampedWriter;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.harness.workload.WorkloadSpec;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * No false positives: over a million operations through the near-cache with no fault at all,
 * the checker finds no corruption, no regression, no lost write, no violation of the staleness
 * bound (heartbeat deadline + tolerance), and no stale read older than the invalidation delay
 * measured in the same run. (Writes are acknowledged on one connection and invalidated on
 * another: a read in between is stale by the definition, for as long as the invalidation takes,
 * a JVM pause included.) The run is written as result.json and read back.
 */
class FaultFreeRunIT {
  private static final WorkloadSpec WORKLOAD =
      new WorkloadSpec("key:", 10_000, new KeyDistribution.Zipf(0.99), 0.98, 64, 1, 3, 0);
  private static final long OPERATIONS = 1_000_000;
  private static final Duration DEADLINE = NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE;
  private static final Duration BOUND = DEADLINE.plusMillis(50);

  @Test
  void aMillionOperationsWithoutFaults_reportNothingBeyondTheInvalidationDelay() throws Exception {
    ClientResources resources = DefaultClientResources.create();
    RedisClient writerClient = RedisClient.create(resources);
    AtomicLong operations = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    long startedEpoch = System.currentTimeMillis();
    long started = System.nanoTime();
    RunRecorder recorder = new RunRecorder(WORKLOAD,
        new CheckerConfig(WORKLOAD.keys(), WORKLOAD.readers(), BOUND), 90, started);
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE)) {
      RedisURI uri = topology.clientUris().get(0);
      uri.setTimeout(Duration.ofSeconds(2));
      RedisCommands<String, String> admin = topology.admin("primary");
      for (int key = 0; key < WORKLOAD.keys(); key++) {
        long version = recorder.writeSending(key, System.nanoTime());
        admin.set(WORKLOAD.key(key), new VersionedValue(WORKLOAD.key(key), version, 0).encode(WORKLOAD.valueSize()));
        recorder.writeAcked(key, version, System.nanoTime(), "primary");
      }
      NearCacheStats stats;
      try (TrackedNearCache<String> cache = TrackedNearCache.strings(resources, uri,
              NearCacheConfig.builder().heartbeatDeadline(DEADLINE).build(), recorder.invalidationDelays());
          StatefulRedisConnection<String, String> writer = writerClient.connect(topology.node("primary").directUri())) {
        StampedWriter stamped = new StampedWriter(writer);
        List<Thread> threads = new ArrayList<>();
        threads.add(thread(() -> {
          KeyChooser keys = WORKLOAD.distribution().newChooser(WORKLOAD.keys(), 1);
          while (operations.get() < OPERATIONS && System.nanoTime() < deadline) {
            int key = keys.next();
            long version = recorder.writeSending(key, System.nanoTime());
            long acked = stamped.set(WORKLOAD.key(key),
                new VersionedValue(WORKLOAD.key(key), version, 0).encode(WORKLOAD.valueSize())).join();
            recorder.writeAcked(key, version, acked, "primary");
            operations.incrementAndGet();
            LockSupport.parkNanos(200_000);
          }
        }));
        for (int r = 0; r < WORKLOAD.readers(); r++) {
          int reader = r;
          threads.add(thread(() -> {
            KeyChooser keys = WORKLOAD.distribution().newChooser(WORKLOAD.keys(), 100 + reader);
            while (operations.get() < OPERATIONS && System.nanoTime() < deadline) {
              int key = keys.next();
              long start = System.nanoTime();
              try {
                NearCacheRead<String> read = cache.readAsync(WORKLOAD.key(key)).get(2, TimeUnit.SECONDS);
                recorder.read(reader, key, start, System.nanoTime(), read.value(), read.local());
              } catch (Exception e) {
                errors.incrementAndGet();
              }
              operations.incrementAndGet();
            }
          }));
        }
        for (Thread thread : threads) {
          thread.join();
        }
        stats = cache.stats();
      }
      ConsistencyChecker.LostWrites lost = recorder.checker().audit(key -> admin.get(WORKLOAD.key(key)));
      long ended = System.nanoTime();
      RunResult result = recorder.toResult("fault-free-" + startedEpoch, startedEpoch, ended, "standalone", "local",
          "tracklab", List.of("it"), false, stats, lost);
      Path file = ResultFiles.pathFor(Path.of("target", "tracklab"), result.run().runId());
      ResultFiles.write(file, result);
      RunResult read = ResultFiles.read(file);

      double maxAgeMillis = read.histograms().get("staleness_age_us").max() / 1000.0;
      double maxDelayMillis = read.histograms().get("invalidation_delay_us").max() / 1000.0;
      System.out.printf("fault-free run: %d operations in %.1f s, hit ratio %.3f, written to %s%n",
          operations.get(), (ended - started) / 1e9, stats.hitRatio(), file);
      System.out.printf("  counters %s%n  invalidation delay p50 %.3f ms, max %.3f ms; stale max age %.3f ms; "
              + "local read p50 %.0f ns; remote read p50 %.0f us%n", read.counters(),
          read.histograms().get("invalidation_delay_us").percentiles().get("p50") / 1000.0, maxDelayMillis,
          maxAgeMillis, read.histograms().get("local_read_ns").percentiles().get("p50"),
          read.histograms().get("remote_read_us").percentiles().get("p50"));
      assertThat(operations.get()).isGreaterThanOrEqualTo(OPERATIONS);
      assertThat(errors.get()).isZero();
      assertThat(read.counters()).containsEntry("corrupt_reads", 0L).containsEntry("regressions", 0L)
          .containsEntry("violations", 0L).containsEntry("lost_versions", 0L);
      // HdrHistogram buckets (0.1 %) and stamping on different threads: 1 ms of slack
      assertThat(maxAgeMillis).as("no stale read older than the slowest invalidation")
          .isLessThanOrEqualTo(maxDelayMillis + 1.0);
      assertThat(read.timeline()).isNotEmpty();
      assertThat(read.timeline().stream().mapToLong(point -> point.reads()).sum())
          .isEqualTo(read.counters().get("reads"));
    } finally {
      writerClient.shutdown(0, 2, TimeUnit.SECONDS);
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static Thread thread(Runnable body) {
    Thread thread = new Thread(body);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }
}

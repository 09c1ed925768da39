package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Planted truth for the lost-writes audit: writes acknowledged by a primary whose replication
 * link is cut, then the primary is killed; Sentinel promotes a replica that never saw them. The
 * audit, reading every key from the new primary, must name exactly those keys and versions.
 */
class LostWritesPlantedIT {
  private static final int KEYS = 50;
  private static final int LOST = 12;
  private static final int SIZE = 64;

  private static String name(int key) {
    return "key:" + key;
  }

  @Test
  void writesTheNewPrimaryNeverSaw_areReportedExactly() throws Exception {
    ConsistencyChecker checker =
        new ConsistencyChecker(new CheckerConfig(KEYS, 0, Duration.ofSeconds(1)), "key:");
    RedisClient client = RedisClient.create();
    try (Topology topology = new LocalProvisioner().start(TopologyKind.SENTINEL);
        StatefulRedisConnection<String, String> primary = client.connect(topology.node("primary").directUri())) {
      for (int key = 0; key < KEYS; key++) {
        write(checker, primary.sync(), key);
      }
      assertThat(primary.sync().waitForReplication(2, 2000)).as("both replicas have version 1").isEqualTo(2);

      // Replicas read the primary through its proxy: drop that stream, then write (directly).
      topology.node("primary").proxy().toxics().timeout("cut-replication", ToxicDirection.DOWNSTREAM, 0);
      for (int key = 0; key < LOST; key++) {
        write(checker, primary.sync(), key);
      }
      topology.kill("primary");
      topology.node("primary").proxy().toxics().get("cut-replication").remove();

      await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
          .until(() -> !topology.currentPrimary(0).name().equals("primary"));
      RedisNode promoted = topology.currentPrimary(0);
      RedisCommands<String, String> audit = topology.admin(promoted.name());
      ConsistencyChecker.LostWrites lost = checker.audit(key -> audit.get(name(key)));

      System.out.printf("lost writes after killing a primary cut from its replicas: %s keys, %s versions%n",
          lost.keysWithLostWrites(), lost.versionsLost());
      assertThat(lost.keysChecked()).isEqualTo(KEYS);
      assertThat(lost.keysWithLostWrites()).isEqualTo(LOST);
      assertThat(lost.versionsLost()).isEqualTo(LOST);
      for (int key = 0; key < LOST; key++) {
        assertThat(lost.lost().get(key)).isEqualTo(new ConsistencyChecker.LostKey(key, 1, 2, 1));
      }
    } finally {
      client.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  private static void write(ConsistencyChecker checker, RedisCommands<String, String> primary, int key) {
    long version = checker.nextVersion(key);
    checker.writeSent(key, version, System.nanoTime());
    primary.set(name(key), new VersionedValue(name(key), version, 0).encode(SIZE));
    checker.writeAcked(key, version, System.nanoTime());
  }
}

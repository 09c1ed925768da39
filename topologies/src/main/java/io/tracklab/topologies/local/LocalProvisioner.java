package io.tracklab.topologies.local;

import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Provisions topologies from real {@code redis-server} processes on 127.0.0.1 (no Docker), every
 * node behind a proxy on an embedded Toxiproxy server; files under
 * {@code <base>/<kind>-<time>-<random>}. A start that fails half way stops what it started.
 */
public final class LocalProvisioner {
  public static final Path DEFAULT_BASE = Path.of("target", "tracklab", "topologies");
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path base;

  public LocalProvisioner() {
    this(DEFAULT_BASE);
  }

  public LocalProvisioner(Path base) {
    this.base = base;
  }

  public Topology start(TopologyKind kind) {
    Path directory = base.resolve(kind.label() + "-" + LocalDateTime.now().format(STAMP) + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
    LocalTopology topology = switch (kind) {
      case STANDALONE -> new LocalStandaloneTopology(directory);
      case SENTINEL -> new LocalSentinelTopology(directory);
      case CLUSTER -> new LocalClusterTopology(directory);
    };
    try {
      topology.start();
      return topology;
    } catch (RuntimeException e) {
      topology.close();
      throw e;
    }
  }
}

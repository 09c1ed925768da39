package io.tracklab.topologies;

import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Starts topologies: from local processes, from containers, or from a user's own endpoints. */
public interface Provisioner {
  /** Where provisioners keep configuration, data and logs unless told otherwise. */
  Path DEFAULT_BASE = Path.of("target", "tracklab", "topologies");

  /** {@code local}, {@code containers} or {@code external}. */
  String name();

  /**
   * Starts a topology and returns once it is ready; a start that fails half way stops what it
   * had started before throwing.
   *
   * @throws TopologyException naming what did not start or become ready, and where its log is
   */
  Topology start(TopologyKind kind);

  /**
   * Starts a topology secured as {@code security} says (passwords, ACL users, TLS).
   *
   * @throws TopologyException when this provisioner cannot secure a topology that way
   */
  default Topology start(TopologyKind kind, TopologySecurity security) {
    if (security.secured()) {
      throw new TopologyException("the " + name() + " provisioner cannot start a topology with "
          + security.label() + " security");
    }
    return start(kind);
  }

  /** {@code base/<kind>-<yyyyMMdd-HHmmss>-<random>}: one directory per started topology. */
  static Path runDirectory(Path base, TopologyKind kind) {
    return base.resolve(kind.label() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
  }
}

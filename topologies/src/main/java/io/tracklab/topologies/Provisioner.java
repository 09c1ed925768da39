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

  /** {@link #start(TopologyKind, TopologySecurity)} with no security: no passwords, no TLS. */
  default Topology start(TopologyKind kind) {
    return start(kind, TopologySecurity.NONE);
  }

  /**
   * Starts a topology secured as {@code security} says (passwords, ACL users, TLS) and returns
   * once it is ready; a start that fails half way stops what it had started before throwing.
   *
   * @throws TopologyException naming what did not start or become ready, and where its log is;
   *     or when this provisioner cannot secure a topology that way
   */
  Topology start(TopologyKind kind, TopologySecurity security);

  /** {@code base/<kind>-<yyyyMMdd-HHmmss>-<random>}: one directory per started topology. */
  static Path runDirectory(Path base, TopologyKind kind) {
    return base.resolve(kind.label() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
        + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000)));
  }
}

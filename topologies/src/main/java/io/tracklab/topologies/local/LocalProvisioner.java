package io.tracklab.topologies.local;

import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.AssembledTopology;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;

/**
 * Provisions topologies from real {@code redis-server} processes on 127.0.0.1 (no Docker), every
 * node behind a proxy on an embedded Toxiproxy server, files under
 * {@code <base>/<kind>-<time>-<random>}. A start that fails half way stops what it started.
 */
public final class LocalProvisioner implements Provisioner {
  private final Path base;

  public LocalProvisioner() {
    this(DEFAULT_BASE);
  }

  public LocalProvisioner(Path base) {
    this.base = base;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Topology start(TopologyKind kind, TopologySecurity security) {
    return AssembledTopology.start(kind, Provisioner.runDirectory(base, kind), security, new EmbeddedProxyServer(),
        new LocalNodeLauncher());
  }
}

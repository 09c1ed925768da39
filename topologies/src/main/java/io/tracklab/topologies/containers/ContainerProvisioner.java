package io.tracklab.topologies.containers;

import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.AssembledTopology;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import org.testcontainers.utility.DockerImageName;

/**
 * Provisions topologies from containers: {@code redis} nodes and the real Toxiproxy, all on the
 * host network (see {@link HostNetwork}), so names, ports, announcing and readiness are those of
 * the local provisioner. Images: {@code -Dtracklab.redis.image} (default {@value #DEFAULT_REDIS_IMAGE})
 * and {@code -Dtracklab.toxiproxy.image} (default {@value #DEFAULT_TOXIPROXY_IMAGE}).
 * Testcontainers' Ryuk removes the containers if this JVM dies.
 */
public final class ContainerProvisioner implements Provisioner {
  public static final String DEFAULT_REDIS_IMAGE = "redis:7.0.15";
  public static final String DEFAULT_TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";

  private final Path base;
  private final DockerImageName redisImage =
      DockerImageName.parse(System.getProperty("tracklab.redis.image", DEFAULT_REDIS_IMAGE));
  private final DockerImageName toxiproxyImage =
      DockerImageName.parse(System.getProperty("tracklab.toxiproxy.image", DEFAULT_TOXIPROXY_IMAGE));

  public ContainerProvisioner() {
    this(DEFAULT_BASE);
  }

  public ContainerProvisioner(Path base) {
    this.base = base;
  }

  /** Empty when this machine can run host-network containers, else the reason it cannot. */
  public static String unusableBecause() {
    return HostNetwork.unusableBecause();
  }

  @Override
  public String name() {
    return "containers";
  }

  @Override
  public Topology start(TopologyKind kind) {
    return start(kind, TopologySecurity.NONE);
  }

  /** As the local provisioner: the same configuration files, mounted at the same paths. */
  @Override
  public Topology start(TopologyKind kind, TopologySecurity security) {
    String reason = unusableBecause();
    if (!reason.isEmpty()) {
      throw new TopologyException("the containers provisioner cannot run here: " + reason
          + " (use -Dtracklab.provisioner=local)");
    }
    return AssembledTopology.start(kind, Provisioner.runDirectory(base, kind), security,
        ToxiproxyContainerServer.start(toxiproxyImage), new RedisContainerLauncher(redisImage));
  }
}

package io.tracklab.topologies.containers;

import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.AssembledTopology;
import io.tracklab.topologies.node.ProxyServer;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;
import org.testcontainers.DockerClientFactory;

/**
 * Provisions topologies from containers: Redis nodes and a Toxiproxy server, all on the host
 * network (see {@link HostNetwork}), so names, ports, announcing and readiness are those of the
 * local provisioner. Which images: {@link ContainerImages} (built here by
 * {@value ContainerImages#BUILD_COMMAND} where present, else the registry's). Every container
 * carries its owner's label; close, JVM shutdown and the next start remove them
 * ({@link ContainerOwner}).
 */
public final class ContainerProvisioner implements Provisioner {
  private final Path base;
  /** Chosen at first use: choosing asks the Docker engine which images it has. */
  private volatile ContainerImages images;

  public ContainerProvisioner() {
    this(DEFAULT_BASE);
  }

  public ContainerProvisioner(Path base) {
    this(base, null);
  }

  public ContainerProvisioner(Path base, ContainerImages images) {
    this.base = base;
    this.images = images;
  }

  /** Empty when this machine can run host-network containers, else the reason it cannot. */
  public static String unusableBecause() {
    return HostNetwork.unusableBecause();
  }

  /**
   * Empty when containers can run here and the images they would use are already here (so a
   * start pulls nothing), else why not: what {@code -Dtracklab.provisioner=auto} asks.
   */
  public static String unusableWithoutPullingBecause() {
    String reason = unusableBecause();
    if (!reason.isEmpty()) {
      return reason;
    }
    ContainerImages images = ContainerImages.choose(HostNetwork::imagePresent);
    for (String image : new String[] {images.redis(), images.toxiproxy()}) {
      if (!HostNetwork.imagePresent(image)) {
        return "image " + image + " is not here (" + ContainerImages.BUILD_COMMAND + " builds tracklab's own)";
      }
    }
    return "";
  }

  /** The images this provisioner runs. */
  public ContainerImages images() {
    if (images == null) {
      images = ContainerImages.choose(HostNetwork::imagePresent);
    }
    return images;
  }

  @Override
  public String name() {
    return "containers";
  }

  /** As the local provisioner: the same configuration files, mounted at the same paths. */
  @Override
  public Topology start(TopologyKind kind, TopologySecurity security) {
    String reason = unusableBecause();
    if (!reason.isEmpty()) {
      throw new TopologyException("the containers provisioner cannot run here: " + reason
          + " (use -Dtracklab.provisioner=local)");
    }
    ImageSource redis = new ImageSource(images().redis()).requirePresent();
    ImageSource toxiproxy = new ImageSource(images().toxiproxy()).requirePresent();
    System.out.println("tracklab: containers: " + images().describe());
    int orphans = ContainerOwner.sweepOrphans(DockerClientFactory.instance().client());
    if (orphans > 0) {
      System.err.println("tracklab: removed " + orphans + " container(s) left by a tracklab process that is gone");
    }
    Path directory = Provisioner.runDirectory(base, kind);
    String runName = directory.getFileName().toString();
    ProxyServer proxies = ToxiproxyContainerServer.start(toxiproxy, runName);
    return AssembledTopology.start(kind, directory, security, proxies, new RedisContainerLauncher(redis, runName));
  }
}

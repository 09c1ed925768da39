package io.tracklab.topologies;

import io.tracklab.topologies.containers.ContainerProvisioner;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.local.LocalProvisioner;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Picks the provisioner named by {@code -Dtracklab.provisioner}: {@code auto} (the default:
 * containers where they can run, else local processes), {@code local}, {@code containers}, or
 * {@code external} (the user's endpoints, from the YAML file {@code -Dtracklab.topology.file}).
 */
public final class Provisioners {
  public static final String PROPERTY = "tracklab.provisioner";

  private Provisioners() {}

  public static Provisioner fromSystemProperties() {
    return byName(System.getProperty(PROPERTY, "auto"), ContainerProvisioner::unusableBecause);
  }

  /**
   * @param containersUnusableBecause empty when containers can run here, else why not
   */
  static Provisioner byName(String name, Supplier<String> containersUnusableBecause) {
    switch (String.valueOf(name).trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        return containersUnusableBecause.get().isEmpty() ? new ContainerProvisioner() : new LocalProvisioner();
      case "local":
        return new LocalProvisioner();
      case "containers":
        String reason = containersUnusableBecause.get();
        if (!reason.isEmpty()) {
          throw new TopologyException(PROPERTY + "=containers, but " + reason
              + "; use " + PROPERTY + "=local (real redis-server processes, no Docker)");
        }
        return new ContainerProvisioner();
      case "external":
        String file = System.getProperty(ExternalProvisioner.FILE_PROPERTY, "");
        if (file.isBlank()) {
          throw new TopologyException(PROPERTY + "=external needs -D" + ExternalProvisioner.FILE_PROPERTY
              + "=<YAML file describing the endpoints> (see docs/external-topology.md)");
        }
        return new ExternalProvisioner(Path.of(file));
      default:
        throw new TopologyException("unknown provisioner '" + name + "' in -D" + PROPERTY
            + ": expected auto, local, containers or external");
    }
  }
}

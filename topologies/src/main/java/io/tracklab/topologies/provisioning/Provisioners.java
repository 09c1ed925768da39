package io.tracklab.topologies.provisioning;

import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.containers.ContainerProvisioner;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.local.LocalProvisioner;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Picks the provisioner named by {@code -Dtracklab.provisioner} (else {@code $TRACKLAB_PROVISIONER}): {@code auto} (the default:
 * containers where they can run, else local processes), {@code local}, {@code containers}, or
 * {@code external} (the user's endpoints, from the YAML file {@code -Dtracklab.topology.file}).
 */
public final class Provisioners {
  public static final String PROPERTY = "tracklab.provisioner";
  /** The environment's default when the property is not set (e.g. the test suite pins {@code local}). */
  public static final String ENVIRONMENT = "TRACKLAB_PROVISIONER";

  private Provisioners() {}

  /** A provisioner and why it was chosen (for {@code auto}: what decided; else empty). */
  public record Choice(Provisioner provisioner, String why) {}

  public static Provisioner fromSystemProperties() {
    return choose().provisioner();
  }

  /**
   * The provisioner {@code -Dtracklab.provisioner} names. {@code auto} takes containers only where
   * they run and their images are already here (a start then pulls nothing), else local processes,
   * and says why; {@code containers} may pull a registry image it lacks (never one tracklab builds).
   */
  public static Choice choose() {
    String fallback = System.getenv(ENVIRONMENT);
    String name = System.getProperty(PROPERTY, fallback == null || fallback.isBlank() ? "auto" : fallback);
    boolean auto = "auto".equalsIgnoreCase(name.trim());
    return choose(name, auto ? ContainerProvisioner::unusableWithoutPullingBecause : ContainerProvisioner::unusableBecause);
  }

  static Provisioner byName(String name, Supplier<String> containersUnusableBecause) {
    return choose(name, containersUnusableBecause).provisioner();
  }

  /**
   * @param containersUnusableBecause empty when containers can run here, else why not
   */
  static Choice choose(String name, Supplier<String> containersUnusableBecause) {
    switch (String.valueOf(name).trim().toLowerCase(Locale.ROOT)) {
      case "auto":
        String unusable = containersUnusableBecause.get();
        if (unusable.isEmpty()) {
          return new Choice(new ContainerProvisioner(), "auto: Docker runs here and the images it needs are here");
        }
        return new Choice(new LocalProvisioner(), "auto: not containers, because " + unusable);
      case "local":
        return new Choice(new LocalProvisioner(), "");
      case "containers":
        String reason = containersUnusableBecause.get();
        if (!reason.isEmpty()) {
          throw new TopologyException(PROPERTY + "=containers, but " + reason
              + "; use " + PROPERTY + "=local (real redis-server processes, no Docker)");
        }
        return new Choice(new ContainerProvisioner(), "");
      case "external":
        String file = System.getProperty(ExternalProvisioner.FILE_PROPERTY, "");
        if (file.isBlank()) {
          throw new TopologyException(PROPERTY + "=external needs -D" + ExternalProvisioner.FILE_PROPERTY
              + "=<YAML file describing the endpoints> (see docs/external-topology.md)");
        }
        return new Choice(new ExternalProvisioner(Path.of(file)), "");
      default:
        throw new TopologyException("unknown provisioner '" + name + "' in -D" + PROPERTY
            + ": expected auto, local, containers or external");
    }
  }
}

package io.tracklab.topologies.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import io.tracklab.topologies.TopologyException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Why containers run with {@code --network host}: every node must announce one address that is
 * a proxy for every client, whether the client is this JVM, a replica or a Sentinel. On a bridge
 * network the JVM sees mapped ports and containers see internal ones, so each client library
 * would need an address mapper. With the host network, containers bind 127.0.0.1 ports like
 * local processes do and every announced address is a proxy on 127.0.0.1 for everyone. That
 * needs a Docker engine on this (Linux) machine.
 *
 * <p>Why the checks before Testcontainers is asked anything: two of its defaults start an image
 * that must be pulled, and where no registry answers each pull is minutes of silent retries.
 * (1) In a JVM that runs inside a container ({@code /.dockerenv}), Testcontainers finds the Docker
 * host's address by running {@code alpine}, unless {@code TESTCONTAINERS_HOST_OVERRIDE} is set;
 * with the host network the Docker host is always this machine, so tracklab's launchers set it to
 * 127.0.0.1. (2) Its reaper, Ryuk, is an image too; tracklab removes its own containers
 * ({@link ContainerOwner}), so its launchers set {@code TESTCONTAINERS_RYUK_DISABLED=true}. A JVM
 * started otherwise (plain {@code mvn}, an IDE) gets a reason instead of a hang.
 */
final class HostNetwork {
  static final String HOST_OVERRIDE = "TESTCONTAINERS_HOST_OVERRIDE";
  static final String RYUK_DISABLED = "TESTCONTAINERS_RYUK_DISABLED";

  private HostNetwork() {}

  /** Empty when containers can serve topologies here, else why not. */
  static String unusableBecause() {
    TestcontainersConfiguration configuration = TestcontainersConfiguration.getInstance();
    String reason = unusableBecause(System.getProperty("os.name", ""), new File("/.dockerenv").exists(),
        configuration.getEnvVarOrUserProperty("host.override", null), System.getenv("DOCKER_HOST"));
    if (!reason.isEmpty()) {
      return reason;
    }
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return "no Docker engine is available";
      }
    } catch (RuntimeException e) {
      return "Docker is not usable: " + e.getMessage();
    }
    boolean ryukDisabled = Boolean.parseBoolean(configuration.getEnvVarOrProperty("ryuk.disabled", "false"));
    if (!ryukDisabled && !imagePresent(configuration.getRyukImage())) {
      return "Testcontainers' reaper image " + configuration.getRyukImage() + " is not here and would be pulled: set "
          + RYUK_DISABLED + "=true in the environment (bin/tracklab, ./mvnw and the tests do; tracklab removes its "
          + "own containers) or pull it";
    }
    return "";
  }

  /** The checks that need no Docker engine (pure: arguments are what this machine says). */
  static String unusableBecause(String osName, boolean inAContainer, String hostOverride, String dockerHost) {
    if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
      return "containers share the host network, which needs Linux (this is " + osName + ")";
    }
    if (dockerHost != null && dockerHost.startsWith("tcp://") && !dockerHost.contains("127.0.0.1")
        && !dockerHost.contains("localhost")) {
      return "DOCKER_HOST=" + dockerHost + " is another machine; host-network containers must run on this one";
    }
    if (inAContainer && (hostOverride == null || hostOverride.isBlank())) {
      return "this JVM runs in a container (/.dockerenv) and " + HOST_OVERRIDE + " is not set, so Testcontainers "
          + "would start alpine to find the Docker host (minutes where no registry answers): set " + HOST_OVERRIDE
          + "=127.0.0.1 in the environment (bin/tracklab, ./mvnw and the tests do)";
    }
    return "";
  }

  /** Whether the engine has this image (never pulls). */
  static boolean imagePresent(String image) {
    try {
      DockerClientFactory.instance().client().inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException missing) {
      return false;
    }
  }

  /** {@code uid:gid} owning {@code directory}, so a container writes files this user can delete. */
  static String ownerOf(Path directory) {
    try {
      return Files.getAttribute(directory, "unix:uid") + ":" + Files.getAttribute(directory, "unix:gid");
    } catch (IOException | UnsupportedOperationException e) {
      throw new TopologyException("cannot read the owner of " + directory + ": " + e, e);
    }
  }
}

package io.tracklab.topologies.containers;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Why containers run with {@code --network host}: every node must announce one address that is
 * a proxy for every client, whether the client is this JVM, a replica or a Sentinel. On a bridge
 * network the JVM sees mapped ports and containers see internal ones, so each client library
 * would need an address mapper. With the host network, containers bind 127.0.0.1 ports like
 * local processes do and every announced address is a proxy on 127.0.0.1 for everyone. That
 * needs a Docker engine on this (Linux) machine.
 */
final class HostNetwork {
  private HostNetwork() {}

  /** Empty when containers can serve topologies here, else why not. */
  static String unusableBecause() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
      return "containers share the host network, which needs Linux (this is "
          + System.getProperty("os.name") + ")";
    }
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return "no Docker engine is available";
      }
    } catch (RuntimeException e) {
      return "Docker is not usable: " + e.getMessage();
    }
    String host = System.getenv("DOCKER_HOST");
    if (host != null && host.startsWith("tcp://") && !host.contains("127.0.0.1") && !host.contains("localhost")) {
      return "DOCKER_HOST=" + host + " is another machine; host-network containers must run on this one";
    }
    return "";
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

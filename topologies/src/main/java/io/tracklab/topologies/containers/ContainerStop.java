package io.tracklab.topologies.containers;

import org.testcontainers.containers.GenericContainer;

/** Stops and removes a container tracklab started, and forgets it for the shutdown hook. */
final class ContainerStop {
  private ContainerStop() {}

  static void stop(GenericContainer<?> container) {
    String id = container.getContainerId();
    container.stop(); // removes it (and its anonymous volumes)
    if (id != null) {
      ContainerOwner.closed(id);
    }
  }
}

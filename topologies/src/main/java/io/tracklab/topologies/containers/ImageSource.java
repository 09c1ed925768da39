package io.tracklab.topologies.containers;

import io.tracklab.topologies.TopologyException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One image and how to get it: an image tracklab builds is never pulled (checked present before
 * any container starts, see {@link ContainerImages}); a registry image is pulled when missing, as
 * Testcontainers does by default.
 */
record ImageSource(String name) {

  /** Fails at once, naming the image and the command that builds it, when a built image is missing. */
  ImageSource requirePresent() {
    if (ContainerImages.builtHere(name) && !HostNetwork.imagePresent(name)) {
      throw new TopologyException("image " + name + " is not in the Docker engine, and tracklab never pulls an image "
          + "it builds itself: build it with " + ContainerImages.BUILD_COMMAND);
    }
    return this;
  }

  GenericContainer<?> container() {
    GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(name));
    // a registry image keeps Testcontainers' default policy (pull when missing)
    return ContainerImages.builtHere(name) ? container.withImagePullPolicy(image -> false) : container;
  }
}

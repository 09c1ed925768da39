package io.tracklab.topologies.external;

import io.tracklab.topologies.Provisioner;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Path;

/**
 * "Provisions" the user's own endpoints and Toxiproxy server, described by a YAML file
 * ({@code -Dtracklab.topology.file}; format in {@code docs/external-topology.md}). The file is
 * validated when the provisioner is created, so a bad file fails before anything runs.
 */
public final class ExternalProvisioner implements Provisioner {
  public static final String FILE_PROPERTY = "tracklab.topology.file";

  private final ExternalTopologySpec spec;

  public ExternalProvisioner(Path file) {
    this.spec = ExternalTopologyFile.load(file);
  }

  public ExternalTopologySpec spec() {
    return spec;
  }

  @Override
  public String name() {
    return "external";
  }

  /** Connects to the topology the file describes, secured as the file says; a run cannot ask for more. */
  @Override
  public Topology start(TopologyKind kind, TopologySecurity security) {
    if (security.secured()) {
      throw new TopologyException("the external provisioner cannot start a topology with " + security.label()
          + " security: an external topology is secured as its file says (" + spec.file() + ")");
    }
    if (kind != spec.kind()) {
      throw new TopologyException(spec.file() + " describes a " + spec.kind() + " topology, but a " + kind
          + " one was asked for");
    }
    return ExternalTopology.connect(spec);
  }
}

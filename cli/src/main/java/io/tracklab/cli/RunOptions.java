package io.tracklab.cli;

import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentException;
import io.tracklab.cli.experiment.ExperimentFile;
import io.tracklab.cli.experiment.ExperimentProblem;
import io.tracklab.simulations.run.ExternalFaultPolicy;
import io.tracklab.topologies.provisioning.Provisioners;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.external.ExternalTopologyFile;
import io.tracklab.topologies.external.ExternalTopologySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options of every command that runs experiments ({@code run}, {@code matrix}), checked the same way. */
final class RunOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--duration", paramLabel = "<duration>", converter = RunCommand.DurationConverter.class,
      description = "run each experiment this long instead of its own duration, e.g. 10s "
          + "(its faults must still fit)")
  Duration duration;

  @Option(names = "--results", paramLabel = "<dir>", defaultValue = "tracklab-results",
      description = "where each run's directory goes (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(names = "--provisioner", paramLabel = "<name>", defaultValue = "${env:TRACKLAB_PROVISIONER:-auto}",
      description = "auto (containers where Docker runs and the images are here, else local processes), local, "
          + "containers or external (default: ${DEFAULT-VALUE}, or $TRACKLAB_PROVISIONER)")
  String provisioner;

  @Option(names = "--topology-file", paramLabel = "<file>",
      description = "the external topology file (with --provisioner external; docs/external-topology.md)")
  Path topologyFile;

  @Option(names = "--auth", paramLabel = "<mode>",
      description = "none, password or acl: authentication on every node and Sentinel, instead of the "
          + "experiment's security.auth; passwords come from the experiment's security.adminPassword and "
          + "clientPassword (env:NAME or file:PATH), or are generated for topologies tracklab starts")
  String auth;

  @Option(names = "--tls", description = "a TLS-only topology (certificates generated for the run), instead "
      + "of the experiment's security.tls")
  boolean tls;

  @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "auto",
      description = "auto (a line rewritten in place on a terminal, plain lines otherwise), tty, plain or off")
  String progress;

  /** The external topology file, once {@link #check} read it; null for tracklab's own topologies. */
  private ExternalTopologySpec external;

  /** Checks the values; the overrides experiment files are read with. */
  ExperimentFile.Overrides check() {
    if (!List.of("auto", "tty", "plain", "off").contains(progress)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--progress=" + progress + ": expected auto, tty, plain or off");
    }
    if (!List.of("auto", "local", "containers", "external").contains(provisioner)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--provisioner=" + provisioner + ": expected auto, local, containers or external");
    }
    if (duration != null && duration.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--duration=0: must be longer than 0");
    }
    AuthMode authMode = null;
    if (auth != null) {
      authMode = AuthMode.parse(auth);
      if (authMode == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--auth=" + auth + ": expected none, password or acl");
      }
    }
    List<String> nodeNames = externalNodeNames(); // reads the external topology file, if any
    return new ExperimentFile.Overrides(duration, nodeNames, authMode, tls ? Boolean.TRUE : null,
        external != null && external.allowNodeFaults());
  }

  /**
   * Refuses, before anything runs, what an external topology does not allow: faults when its file
   * does not say {@code allowFaults: true} (faults on nodes themselves are refused when each file
   * is read), and security settings, which apply to topologies tracklab starts.
   *
   * @throws ExperimentException naming the topology file and its field, or the experiment
   */
  void checkExternalTopology(List<Experiment> experiments) {
    if (external == null) {
      return;
    }
    List<ExperimentProblem> problems = new ArrayList<>();
    for (Experiment experiment : experiments) {
      if (experiment.plan().security().secured()) {
        // tracklab secures the topologies it starts; an external one is as its owner made it
        problems.add(new ExperimentProblem(experiment.source(), 0, "security", null,
            experiment.plan().security().label() + " applies to topologies tracklab starts; an external topology "
                + "is reached as its file's security block says (drop --auth/--tls or the experiment's security "
                + "block for --provisioner external)"));
      }
    }
    if (external.allowFaults()) {
      if (!problems.isEmpty()) {
        throw new ExperimentException(problems);
      }
      return;
    }
    for (Experiment experiment : experiments) {
      if (!experiment.plan().faults().isEmpty()) {
        problems.add(new ExperimentProblem(external.file(), 0, "allowFaults", null,
            ExternalFaultPolicy.notAllowed(experiment.plan().faults()) + " (" + experiment.source() + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems);
    }
  }

  /** Where runs provision their topologies (system properties the simulations read). */
  void applyProvisioner() {
    System.setProperty(Provisioners.PROPERTY, provisioner);
    if (topologyFile != null) {
      System.setProperty(ExternalProvisioner.FILE_PROPERTY, topologyFile.toAbsolutePath().toString());
    }
  }

  /** The node names of {@code --topology-file}, which faults may name; null for tracklab's own topologies. */
  private List<String> externalNodeNames() {
    if (!provisioner.equals("external")) {
      if (topologyFile != null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--topology-file needs --provisioner external");
      }
      return null;
    }
    if (topologyFile == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--provisioner external needs --topology-file <file> (docs/external-topology.md)");
    }
    try {
      external = ExternalTopologyFile.load(topologyFile);
      return external.nodes().stream().map(ExternalTopologySpec.Node::name).toList();
    } catch (TopologyException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}

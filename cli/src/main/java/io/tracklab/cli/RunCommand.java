package io.tracklab.cli;

import io.tracklab.harness.config.DurationText;
import io.tracklab.cli.experiment.Experiment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import io.tracklab.cli.distributed.InjectorEngine;
import io.tracklab.cli.distributed.KubernetesEngine;
import io.tracklab.cli.distributed.KubernetesManifests;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.cli.distributed.LocalEngine;
import io.tracklab.cli.distributed.SwarmEngine;
import io.tracklab.topologies.containers.ContainerImages;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code tracklab run <file>...}: validates every file first, then runs them one after another. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs experiment files (or shipped experiment names, see tracklab list) one after another "
        + "through Gatling, printing progress every second. Every run leaves <results>/<name>-<time>/ with "
        + "result.json and Gatling's HTML report.",
        "All files are validated before anything runs. Ctrl-C stops the run: faults heal, the load stops, "
        + "a partial result marked interrupted is written and every process is stopped."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every experiment passed its gates", "1:a gate failed", "2:bad input; nothing ran",
        "3:infrastructure failure (a topology did not start, Gatling failed)",
        "130:interrupted by Ctrl-C (SIGINT)", "143:terminated by SIGTERM"})
final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "<experiment>", description = "experiment files or shipped names")
  List<String> experiments;

  @CommandLine.Mixin
  RunOptions options;

  @Option(names = "--no-html-report", description = "skip Gatling's HTML report (result.json is always written)")
  boolean noHtmlReport;

  @Option(names = "--injectors", paramLabel = "<n>",
      description = "run each experiment as a distributed run of n injectors on --engine, one controller merging "
          + "their results (docs/distributed.md), instead of the experiment's injectors (default 1: this JVM alone)")
  Integer injectors;

  @Option(names = "--engine", paramLabel = "<engine>", defaultValue = "local",
      description = "where injectors run: local (child JVMs of this one; the default), swarm (Docker Swarm "
          + "services of the tracklab image, bin/tracklab images; a one-node swarm is made if the engine has none) "
          + "or kubernetes (an Indexed Job in the kubeconfig's cluster; docs/distributed.md)")
  String engine;

  @Option(names = "--controller-bind", paramLabel = "<host[:port]>", defaultValue = "127.0.0.1",
      description = "where the controller listens for its injectors (default: ${DEFAULT-VALUE}, any free port); "
          + "kubernetes: an address the pods can reach, with a port, e.g. 0.0.0.0:7070")
  String controllerBind;

  @Option(names = "--controller-address", paramLabel = "<ipv4>",
      description = "kubernetes: the address the pods reach the controller at (its Service's endpoint)")
  String controllerAddress;

  @Option(names = "--namespace", paramLabel = "<name>", defaultValue = "default",
      description = "kubernetes: the namespace of the run's Job and Service (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = "--dry-run", description = "kubernetes: print the Job, Service and EndpointSlice a run would "
      + "create (YAML, as kubectl apply takes it) and run nothing")
  boolean dryRun;

  /** {@link #controllerBind}, parsed. */
  private String bindHost;
  private int bindPort;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (injectors != null && injectors < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--injectors=" + injectors + ": at least 1");
    }
    if (!List.of("local", "swarm", "kubernetes").contains(engine)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--engine=" + engine
          + ": expected local, swarm or kubernetes");
    }
    bindHost = controllerBind.contains(":") ? controllerBind.substring(0, controllerBind.lastIndexOf(':'))
        : controllerBind;
    try {
      bindPort = controllerBind.contains(":")
          ? Integer.parseInt(controllerBind.substring(controllerBind.lastIndexOf(':') + 1)) : 0;
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--controller-bind=" + controllerBind
          + ": expected host or host:port");
    }
    if (engine.equals("kubernetes") && (bindPort <= 0 || controllerAddress == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--engine kubernetes needs --controller-bind "
          + "<host:port> (a port the pods can reach) and --controller-address <ipv4> (where they reach it)");
    }
    if (dryRun && !engine.equals("kubernetes")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--dry-run prints what --engine kubernetes would "
          + "create; the other engines have nothing to print");
    }
    List<Experiment> loaded = ExperimentSources.readAll(experiments, options.check());
    if (dryRun) {
      for (Experiment experiment : loaded) {
        int count = injectors != null ? injectors : Math.max(experiment.injectors(), 1);
        System.out.print(new KubernetesManifests(RunPlan.runId(experiment.name(), java.time.LocalDateTime.now()),
            namespace, ContainerImages.builtTracklab(), count, controllerAddress, bindPort).yaml());
      }
      return ExitCodes.PASSED;
    }
    options.checkExternalTopology(loaded);
    options.applyProvisioner();
    // one injector on an engine named explicitly is a distributed run too (what the coordination costs)
    boolean engineNamed = spec.commandLine().getParseResult().hasMatchedOption("--engine");
    if ((injectors != null && injectors > 1) || engineNamed
        || (injectors == null && loaded.stream().anyMatch(experiment -> experiment.injectors() > 1))) {
      return distributed(loaded);
    }
    ExperimentRunner runner = new ExperimentRunner(options.results, !noHtmlReport);
    List<RunOutcome> outcomes = RunSession.runAll(loaded, runner, options.progress, outcome -> { });
    if (outcomes.size() > 1) {
      System.out.println("\n=== summary");
      outcomes.forEach(outcome -> System.out.println(RunSession.describe(outcome)));
    }
    return RunSession.exitCode(outcomes);
  }

  /** Each experiment as a controller with --injectors (else its own injectors) injectors on --engine. */
  private int distributed(List<Experiment> loaded) {
    StopOnSignal.install(System.out);
    InjectorEngine.Factory engines = switch (engine) {
      case "swarm" -> (runId, directory, count, controller) -> new SwarmEngine(ContainerImages.builtTracklab(), runId);
      case "kubernetes" -> (runId, directory, count, controller) -> new KubernetesEngine(new KubernetesManifests(runId,
          namespace, ContainerImages.builtTracklab(), count, controllerAddress, controller.getPort()));
      default -> (runId, directory, count, controller) -> new LocalEngine(TracklabCommand.class.getName(), directory, directory);
    };
    DistributedRunner runner = new DistributedRunner(options.results, engines, bindHost, bindPort, System.out);
    List<RunOutcome> outcomes = new java.util.ArrayList<>();
    for (Experiment experiment : loaded) {
      if (io.tracklab.simulations.run.TracklabRun.stopRequested()) {
        break;
      }
      int count = injectors != null ? injectors : experiment.injectors();
      System.out.printf("%n=== tracklab run %d/%d: %s (%s), %d injectors%n", outcomes.size() + 1, loaded.size(),
          experiment.name(), experiment.source(), count);
      RunOutcome outcome = runner.run(experiment, ExperimentSources.text(experiment), options.duration, count);
      outcomes.add(outcome);
      System.out.println(RunSession.describe(outcome));
    }
    return RunSession.exitCode(outcomes);
  }

  /** Durations as experiment files write them: 10s, 1.5m, 500ms. */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return DurationText.tryParse(value).orElseThrow(() -> new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration; write it like 10s, 1.5m or 500ms"));
    }
  }
}

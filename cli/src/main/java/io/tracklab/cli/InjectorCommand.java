package io.tracklab.cli;

import io.tracklab.harness.coordination.Assignment;
import io.tracklab.harness.coordination.CoordinationException;
import io.tracklab.harness.coordination.CoordinatorClient;
import io.tracklab.harness.coordination.InjectorProgress;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentFile;
import io.tracklab.simulations.run.InjectorRole;
import io.tracklab.simulations.run.RunProgress;
import io.tracklab.simulations.run.TracklabRun;
import io.tracklab.topologies.provisioning.Provisioners;
import io.tracklab.topologies.external.ExternalProvisioner;
import io.tracklab.topologies.external.ExternalTopologyFile;
import io.tracklab.topologies.external.ExternalTopologySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tracklab injector}: one injector of a distributed run, started by an engine, never by
 * hand. It asks the controller what to run, runs it on the controller's topology when the
 * controller says go, beats its progress every second, and hands its result.json over at the end.
 * A controller that says stop, or that stops answering, ends the run here too: nothing outlives
 * its controller.
 */
@Command(name = "injector", hidden = true, mixinStandardHelpOptions = true,
    description = "One injector of a distributed run (started by the controller's engine).")
final class InjectorCommand implements Callable<Integer> {
  /** How long an injector waits for go after saying ready (the controller's own wait is shorter). */
  static final Duration GO_TIMEOUT = Duration.ofMinutes(5);
  /** Beats in a row the controller may miss before this injector stops on its own. */
  static final int CONTROLLER_MISSED_BEATS = 5;

  @Option(names = "--controller", required = true, paramLabel = "<url>", description = "the controller, http://host:port")
  URI controller;

  @Option(names = "--name", paramLabel = "<injector>",
      description = "this injector's name (default: injector-<n> from a Kubernetes Indexed Job's JOB_COMPLETION_INDEX + 1)")
  String name;

  @Option(names = "--results", paramLabel = "<dir>", defaultValue = "tracklab-results",
      description = "where this injector's run directory goes (default: ${DEFAULT-VALUE})")
  Path results;

  @Option(names = "--progress", paramLabel = "<mode>", defaultValue = "off", description = "plain or off")
  String progress;

  @Override
  public Integer call() throws IOException {
    if (name == null) {
      String index = System.getenv("JOB_COMPLETION_INDEX");
      if (index == null || !index.matches("\\d+")) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
            "--name is needed outside a Kubernetes Indexed Job (no JOB_COMPLETION_INDEX)");
      }
      name = "injector-" + (Integer.parseInt(index) + 1);
    }
    CoordinatorClient client = new CoordinatorClient(controller, name);
    Assignment assignment = client.assignment();
    System.out.printf("tracklab %s: %s, injector %d of %d of run %s (controller %s)%n", name,
        assignment.experimentName(), assignment.index() + 1, assignment.count(), assignment.runId(), controller);
    Experiment experiment;
    try {
      experiment = experiment(assignment, client);
    } catch (RuntimeException e) {
      client.failed(Failures.describe(e));
      throw e;
    }
    StopOnSignal.install(System.out);
    ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "tracklab-injector-beat");
      thread.setDaemon(true);
      return thread;
    });
    beats.scheduleAtFixedRate(new Beat(client), 1, 1, TimeUnit.SECONDS);
    RunOutcome outcome;
    try {
      outcome = new ExperimentRunner(results, true, false).run(experiment);
    } catch (RuntimeException e) {
      client.failed(Failures.describe(e));
      throw e;
    } finally {
      beats.shutdownNow();
    }
    System.out.println(RunSession.describe(outcome));
    if (outcome.resultFile() != null && Files.isRegularFile(outcome.resultFile())) {
      client.result(Files.readAllBytes(outcome.resultFile()));
    } else {
      client.failed(outcome.detail());
    }
    return outcome.verdict().exitCode;
  }

  /** The experiment as the controller read it, on its topology, as this injector's share. */
  private Experiment experiment(Assignment assignment, CoordinatorClient client) {
    Path work = results.resolve(name);
    Path topologyFile = work.resolve("topology.yaml");
    try {
      Files.createDirectories(work);
      Files.writeString(topologyFile, assignment.topologyYaml());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + topologyFile + ": " + e.getMessage(), e);
    }
    ExternalTopologySpec topology = ExternalTopologyFile.load(topologyFile);
    System.setProperty(Provisioners.PROPERTY, "external");
    System.setProperty(ExternalProvisioner.FILE_PROPERTY, topologyFile.toAbsolutePath().toString());
    // node faults pass validation here: the controller validated them, and an injector runs none
    ExperimentFile.Overrides overrides = new ExperimentFile.Overrides(
        assignment.durationMillis() > 0 ? Duration.ofMillis(assignment.durationMillis()) : null,
        topology.nodes().stream().map(ExternalTopologySpec.Node::name).toList(), null, null, true);
    Experiment read = ExperimentFile.parse(Path.of(assignment.experimentName() + ".yaml"), assignment.experimentYaml(),
        overrides);
    InjectorRole role = new InjectorRole(name, new KeySlice(assignment.index(), assignment.count()),
        () -> client.readyAndAwaitGo(GO_TIMEOUT), client::exchangeAcks);
    return new Experiment(read.source(), read.description(), read.plan().asInjector(role));
  }

  /** Once a second: this injector's counts to the controller; a stop from it, or its silence, stops the run. */
  private final class Beat implements Runnable {
    private final CoordinatorClient client;
    private int missed;
    private InjectorProgress last = InjectorProgress.NONE;

    Beat(CoordinatorClient client) {
      this.client = client;
    }

    @Override
    public void run() {
      try {
        Optional<RunProgress> now = TracklabRun.unfinished().map(TracklabRun::progress);
        now.ifPresent(progress -> last = of(progress));
        if (!client.progress(last)) {
          System.out.println("tracklab " + name + ": the controller says stop");
          TracklabRun.requestStop();
        }
        if (progress.equals("plain")) {
          now.ifPresent(p -> System.out.println(ProgressReporter.line(p, 0)));
        }
        missed = 0;
      } catch (CoordinationException e) {
        if (++missed == CONTROLLER_MISSED_BEATS) {
          System.out.println("tracklab " + name + ": the controller has not answered " + missed
              + " beats in a row; stopping (" + e.getMessage() + ")");
          TracklabRun.requestStop();
        }
      } catch (RuntimeException e) {
        // a run finishing under our feet: the next beat sends the last counts
      }
    }

    private InjectorProgress of(RunProgress progress) {
      RunRecorder.Progress counts = progress.counts();
      return new InjectorProgress(progress.elapsed().toMillis(), counts.reads(), counts.hits(), counts.writes(),
          counts.failedReads(), counts.failedWrites(), counts.stale(), counts.violations());
    }
  }
}

package io.tracklab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.config.DurationText;
import io.tracklab.harness.soak.GrowthCheck;
import io.tracklab.harness.soak.RandomFaults;
import io.tracklab.harness.soak.ResourceSample;
import io.tracklab.harness.soak.ResourceSampler;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentException;
import io.tracklab.cli.experiment.ExperimentFile;
import io.tracklab.cli.experiment.ExperimentProblem;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.run.TracklabRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tracklab soak}: the harness itself under a long run — a workload with a random proxy
 * fault every few seconds, while this JVM's heap after GC, threads, file descriptors and sockets
 * are sampled; fails when any of them grows (a leak), or when the run's own gates fail.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = {"Runs the soak experiment (default: the shipped experiments/soak/read-heavy-soak.yaml, 10 "
        + "minutes) with a random fault on the primary's proxy every --fault-every (seeded by --seed), samples "
        + "this JVM's heap after GC, threads, open file descriptors and sockets every --sample-every, prints them, "
        + "writes soak.json beside the run's result.json and Gatling's report, and fails when one of them grows."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no resource grew and the run passed its gates", "1:a resource grew, or a gate failed",
        "2:bad input; nothing ran", "3:infrastructure failure", "130:interrupted by Ctrl-C (SIGINT)",
        "143:terminated by SIGTERM"})
final class SoakCommand implements Callable<Integer> {
  /** Samples under load left out of the growth check: the first two (classes load, pools fill, caches warm). */
  static final int WARM_UP_SAMPLES = 2;

  @Parameters(arity = "0..1", paramLabel = "<experiment>",
      description = "the workload to soak, an experiment file without faults (default: the shipped soak)")
  String experiment;

  @Option(names = "--fault-every", paramLabel = "<duration>", defaultValue = "5s",
      converter = RunCommand.DurationConverter.class, description = "one fault this often (default: ${DEFAULT-VALUE})")
  Duration faultEvery;

  @Option(names = "--sample-every", paramLabel = "<duration>", defaultValue = "1m",
      converter = RunCommand.DurationConverter.class,
      description = "sample the resources this often (default: ${DEFAULT-VALUE})")
  Duration sampleEvery;

  @Option(names = "--seed", paramLabel = "<n>", defaultValue = "1",
      description = "seeds the random faults: the same seed, the same timeline (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--rate", paramLabel = "<ops/s>",
      description = "operations a second instead of the experiment's; 0: as fast as the users go")
  Double rate;

  @Option(names = "--no-html-report", description = "skip Gatling's HTML report (result.json is always written)")
  boolean noHtmlReport;

  @CommandLine.Mixin
  RunOptions options;

  @Override
  public Integer call() {
    ExperimentFile.Overrides overrides = options.check();
    Experiment base = experiment != null ? ExperimentSources.read(experiment, overrides) : shippedSoak(overrides);
    if (!base.plan().faults().isEmpty()) {
      throw new ExperimentException(List.of(new ExperimentProblem(base.source(), 0, "faults", null,
          "a soak generates its own faults (--seed, --fault-every): leave faults out of the file")));
    }
    Duration duration = base.plan().settings().duration();
    if (sampleEvery.multipliedBy(WARM_UP_SAMPLES + 3).compareTo(duration) > 0) {
      throw new CommandLine.ParameterException(options.spec.commandLine(), "--sample-every "
          + DurationText.format(sampleEvery) + " leaves fewer than 3 samples after the warm-up in "
          + DurationText.format(duration) + ": sample more often, or soak longer");
    }
    ExperimentSources.requireOneInjector("soak", List.of(base));
    FaultSchedule faults;
    try {
      faults = FaultSchedule.parse("--seed " + seed, String.join("; ", RandomFaults.lines(seed, duration, faultEvery)));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(options.spec.commandLine(), "--fault-every: " + e.getMessage());
    }
    RunPlan plan;
    try {
      plan = rate == null ? base.plan() : base.plan().withRate(rate);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(options.spec.commandLine(), "--rate: " + e.getMessage());
    }
    Experiment soak = new Experiment(base.source(), base.description(), plan.withFaults(faults));
    options.checkExternalTopology(List.of(soak));
    options.applyProvisioner();
    System.out.printf("tracklab soak: %s for %s at %s, %d faults (seed %d, one every %s), resources sampled every %s%n",
        soak.name(), DurationText.format(duration), soak.plan().settings().rate() > 0
            ? String.format(Locale.ROOT, "%.0f ops/s", soak.plan().settings().rate()) : "full speed",
        faults.faults().size(), seed, DurationText.format(faultEvery), DurationText.format(sampleEvery));

    ExperimentRunner runner = new ExperimentRunner(options.results, !noHtmlReport);
    List<RunOutcome> outcomes;
    List<ResourceSample> samples;
    try (ResourceSampler sampler = new ResourceSampler(sampleEvery,
        () -> TracklabRun.unfinished().isPresent(), sample -> System.out.println(line(sample)))) {
      outcomes = RunSession.runAll(List.of(soak), runner, options.progress, outcome -> { });
      sampler.close();
      samples = sampler.samples();
    }
    int exit = RunSession.exitCode(outcomes);
    if (exit == ExitCodes.INFRASTRUCTURE || exit == ExitCodes.INTERRUPTED || exit == ExitCodes.TERMINATED
        || samples.stream().filter(ResourceSample::underLoad).count() < WARM_UP_SAMPLES + 3) {
      return exit != ExitCodes.PASSED ? exit : ExitCodes.INFRASTRUCTURE;
    }
    List<GrowthCheck.Verdict> verdicts = GrowthCheck.check(samples, WARM_UP_SAMPLES);
    System.out.println("\n=== soak: growth over the run, after the warm-up");
    verdicts.forEach(verdict -> System.out.println(describe(verdict)));
    RunOutcome outcome = outcomes.get(0);
    if (outcome.resultFile() != null) {
      write(outcome.resultFile().resolveSibling("soak.json"), new SoakReport(seed, faultEvery.toMillis(),
          sampleEvery.toMillis(), WARM_UP_SAMPLES, samples, verdicts));
    }
    boolean grew = verdicts.stream().anyMatch(verdict -> !verdict.passed());
    return grew && exit == ExitCodes.PASSED ? ExitCodes.GATE_FAILED : exit;
  }

  /** What soak.json holds. */
  record SoakReport(long seed, long faultEveryMillis, long sampleEveryMillis, int warmUpSamples,
      List<ResourceSample> samples, List<GrowthCheck.Verdict> verdicts) {}

  private static Experiment shippedSoak(ExperimentFile.Overrides overrides) {
    ShippedExperiments.Shipped shipped = ShippedExperiments.soak().stream().findFirst()
        .orElseThrow(() -> new IllegalStateException("no soak experiment in this build (experiments/soak/)"));
    return ExperimentFile.parse(shipped.source(), shipped.text(), overrides);
  }

  static String line(ResourceSample sample) {
    return String.format(Locale.ROOT, "[soak %5.1f min] heap after GC %7.1f MiB  threads %4d  fds %5d  sockets %4d%s",
        sample.elapsedMillis() / 60_000.0, sample.heapAfterGcBytes() / 1048576.0, sample.threads(),
        sample.openFiles(), sample.sockets(), sample.underLoad() ? "" : "  (no run)");
  }

  static String describe(GrowthCheck.Verdict verdict) {
    boolean heap = verdict.unit().equals("bytes");
    double scale = heap ? 1048576.0 : 1;
    String unit = heap ? " MiB" : "";
    return String.format(Locale.ROOT, "%-4s %-22s %9.1f%s -> %9.1f%s, trend %+8.1f%s (allowed %+.1f%s)",
        verdict.passed() ? "FLAT" : "GREW", verdict.resource(), verdict.first() / scale, unit, verdict.last() / scale,
        unit, verdict.growth() / scale, unit, verdict.allowed() / scale, unit);
  }

  private static void write(Path file, SoakReport report) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
      System.out.println("    soak    " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}

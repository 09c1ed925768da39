package io.tracklab.cli;

import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentException;
import io.tracklab.cli.experiment.ExperimentFile;
import io.tracklab.cli.experiment.ExperimentProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns command-line arguments into experiments: a path to a file, or the name of a shipped
 * experiment ({@code tracklab list}). All are read before anything runs, and every problem of
 * every file is reported together.
 */
final class ExperimentSources {
  private ExperimentSources() {}

  /** @throws ExperimentException with the problems of every file, when any is invalid */
  static List<Experiment> readAll(List<String> arguments, ExperimentFile.Overrides overrides) {
    List<Experiment> experiments = new ArrayList<>();
    List<ExperimentProblem> problems = new ArrayList<>();
    for (String argument : arguments) {
      try {
        experiments.add(read(argument, overrides));
      } catch (ExperimentException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems);
    }
    return experiments;
  }

  static Experiment read(String argument, ExperimentFile.Overrides overrides) {
    Path path = Path.of(argument);
    if (Files.exists(path)) {
      return ExperimentFile.read(path, overrides);
    }
    Optional<ShippedExperiments.Shipped> shipped = looksLikeName(argument)
        ? ShippedExperiments.find(argument) : Optional.empty();
    if (shipped.isPresent()) {
      return ExperimentFile.parse(shipped.get().source(), shipped.get().text(), overrides);
    }
    throw new ExperimentException(List.of(new ExperimentProblem(path, 0, "(file)", null,
        "no such file" + (looksLikeName(argument) ? ", and no shipped experiment of that name (see tracklab list)" : ""))));
  }

  private static boolean looksLikeName(String argument) {
    return !argument.contains("/") && !argument.contains("\\");
  }

  /** The text {@code experiment} was read from: its file, or the shipped experiment of its file's name. */
  static String text(Experiment experiment) {
    Path source = experiment.source();
    try {
      if (Files.isRegularFile(source)) {
        return Files.readString(source);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read " + source + " again: " + e.getMessage(), e);
    }
    String name = source.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    return ShippedExperiments.find(name).map(ShippedExperiments.Shipped::text)
        .orElseThrow(() -> new IllegalStateException("no text for " + source));
  }

  /**
   * Refuses experiments that ask for injectors where {@code command} runs every experiment in this
   * JVM (a matrix, a soak): silently running one instance instead of N would measure something else.
   */
  static void requireOneInjector(String command, List<Experiment> experiments) {
    List<ExperimentProblem> problems = new ArrayList<>();
    for (Experiment experiment : experiments) {
      if (experiment.injectors() > 1) {
        problems.add(new ExperimentProblem(experiment.source(), 0, "injectors", String.valueOf(experiment.injectors()),
            "tracklab " + command + " runs each experiment in one JVM: leave injectors out, or use tracklab run"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems);
    }
  }
}

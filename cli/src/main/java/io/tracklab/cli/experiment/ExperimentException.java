package io.tracklab.cli.experiment;

import java.util.List;

/** An experiment file that cannot be run, with every problem found in it (not only the first). */
public final class ExperimentException extends RuntimeException {
  private final List<ExperimentProblem> problems;

  public ExperimentException(List<ExperimentProblem> problems) {
    super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ":\n  "
        + String.join("\n  ", problems.stream().map(ExperimentProblem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  public List<ExperimentProblem> problems() {
    return problems;
  }
}

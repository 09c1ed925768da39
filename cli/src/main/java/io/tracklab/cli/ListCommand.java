package io.tracklab.cli;

import io.tracklab.harness.config.DurationText;
import io.tracklab.cli.experiment.Experiment;
import io.tracklab.cli.experiment.ExperimentException;
import io.tracklab.cli.experiment.ExperimentFile;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tracklab list}: the shipped experiments, runnable by name. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the experiments shipped with tracklab (the repository's experiments/ folder); "
        + "run one by name: tracklab run <name>.")
final class ListCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<ShippedExperiments.Shipped> shipped = ShippedExperiments.all();
    int width = shipped.stream().mapToInt(s -> s.name().length()).max().orElse(4);
    out.printf("%-" + width + "s  %-10s  %-8s  %-6s  %s%n", "NAME", "TOPOLOGY", "DURATION", "FAULTS", "DESCRIPTION");
    for (ShippedExperiments.Shipped one : shipped) {
      try {
        Experiment experiment = ExperimentFile.parse(one.source(), one.text(), ExperimentFile.Overrides.NONE);
        var plan = experiment.plan();
        out.printf("%-" + width + "s  %-10s  %-8s  %-6d  %s%n", one.name(), plan.settings().topology(),
            DurationText.format(plan.settings().duration()), plan.faults().faults().size(),
            firstSentence(experiment.description()));
      } catch (ExperimentException e) {
        out.printf("%-" + width + "s  (invalid: %s)%n", one.name(), e.problems().get(0));
      }
    }
    out.flush();
    return ExitCodes.PASSED;
  }

  private static String firstSentence(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    int end = flat.indexOf(". ");
    return end < 0 ? flat : flat.substring(0, end + 1);
  }
}

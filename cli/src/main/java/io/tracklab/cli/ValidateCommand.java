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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tracklab validate <file>...}: reads every file, lists every problem, writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks experiment files (or shipped experiment names) without running anything: "
        + "every problem of every file is listed with its file, line, field and value. Writes nothing.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every file is valid", "2:at least one file is not (each problem is listed)"})
final class ValidateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "<experiment>", description = "experiment files or shipped names")
  List<String> experiments;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int invalid = 0;
    for (String argument : experiments) {
      try {
        Experiment experiment = ExperimentSources.read(argument, ExperimentFile.Overrides.NONE);
        out.println("valid   " + argument + ": " + summary(experiment));
      } catch (ExperimentException e) {
        invalid++;
        out.println("INVALID " + argument);
        e.problems().forEach(problem -> err.println("  " + problem));
      }
    }
    out.flush();
    err.flush();
    if (invalid > 0) {
      err.println(invalid + " of " + experiments.size() + " experiment files invalid");
      return ExitCodes.BAD_INPUT;
    }
    return ExitCodes.PASSED;
  }

  static String summary(Experiment experiment) {
    var plan = experiment.plan();
    int faults = plan.faults().faults().size();
    return experiment.name() + " (" + plan.settings().topology() + ", client " + plan.settings().client() + ", "
        + DurationText.format(plan.settings().duration()) + ", " + (faults == 0 ? "no faults" : faults
        + (faults == 1 ? " fault" : " faults")) + ")";
  }
}

package io.tracklab.cli;

import io.tracklab.cli.experiment.ExperimentException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code tracklab}: validates and runs chaos experiment files, lists the shipped ones, and
 * compares a run's result with a baseline's.
 * Subcommands are {@code Callable<Integer>}s returning {@link ExitCodes}; bad input is a
 * {@link CommandLine.ParameterException} or an {@link ExperimentException} (exit 2, every problem
 * listed), anything else that escapes is an infrastructure failure (exit 3, one line, no stack
 * trace unless {@code TRACKLAB_DEBUG} is set).
 */
@Command(name = "tracklab",
    mixinStandardHelpOptions = true,
    versionProvider = TracklabCommand.Version.class,
    description = "Chaos experiments for Redis near-caches: a workload through a tracked near-cache, "
        + "faults on a timeline, gates on staleness, invalidation delay, failover and lost writes; "
        + "reports of runs, and a run compared with a baseline as a CI performance gate.",
    subcommands = {RunCommand.class, ValidateCommand.class, ListCommand.class, ReportCommand.class,
        CompareCommand.class, MatrixCommand.class, SoakCommand.class, InjectorCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:all experiments passed their gates (validate: every file is valid; compare: no regression)",
        "1:a gate failed (compare: a metric regressed beyond the tolerance)",
        "2:bad input (invalid experiment file, result file or tolerance, unknown option or value); nothing ran",
        "3:infrastructure failure (a topology did not start, Gatling failed)",
        "130:interrupted by Ctrl-C (SIGINT): faults healed, partial result written",
        "143:terminated by SIGTERM: the same"})
public final class TracklabCommand implements Runnable {
  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing a command: run, validate, list, report, compare, matrix or soak");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line in this JVM and returns its exit code (for tests and {@link #main}). */
  public static int execute(String... args) {
    // charts are drawn without a display
    System.setProperty("java.awt.headless", "true");
    // Netty finds both epoll and io_uring on Linux; epoll is what Lettuce is tested on here
    if (System.getProperty("io.lettuce.core.iouring") == null) {
      System.setProperty("io.lettuce.core.iouring", "false");
    }
    return commandLine().execute(args);
  }

  /** The same, printing to {@code out} and {@code err} (tests). */
  static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TracklabCommand());
    commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
      if (error instanceof ExperimentException invalid) {
        line.getErr().println(invalid.getMessage());
        return ExitCodes.BAD_INPUT;
      }
      line.getErr().println("tracklab: " + Failures.describe(error));
      if (System.getenv("TRACKLAB_DEBUG") != null) {
        error.printStackTrace(line.getErr());
      }
      return ExitCodes.INFRASTRUCTURE;
    });
    return commandLine;
  }

  /** The version of the jar (its manifest), or "development" from the classes directory. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = TracklabCommand.class.getPackage().getImplementationVersion();
      return new String[] {"tracklab " + (version == null ? "development" : version)};
    }
  }
}

package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar tracklab.jar ...} as a user runs it: its own JVM, output to a file, in a
 * working directory of the test's. Killed (with its children) if a test leaves it running.
 */
final class TracklabProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("tracklab.jar", "target/tracklab.jar")).toAbsolutePath();

  private static final boolean DEFAULT_SIGNALS = envResetsSignals();

  private final Process process;
  private final Path output;

  private TracklabProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code tracklab <args>} in {@code directory}; {@code jvmOptions} go before {@code -jar}. */
  static TracklabProcess start(Path directory, List<String> jvmOptions, String... args) {
    return start(directory, Map.of(), jvmOptions, args);
  }

  /** {@link #start(Path, List, String...)} with more environment variables. */
  static TracklabProcess start(Path directory, Map<String, String> environment, List<String> jvmOptions,
      String... args) {
    assertThat(JAR).as("the runnable jar (built in the package phase)").exists();
    List<String> command = new ArrayList<>();
    if (DEFAULT_SIGNALS) {
      // a JVM started with SIGINT ignored (as every child of a background job is) keeps ignoring
      // it, as any Unix program does; a terminal's Ctrl-C reaches a foreground process, so start
      // this one the way a shell starts a foreground command
      command.addAll(List.of("env", "--default-signal=INT,TERM"));
    }
    command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Path output = directory.resolve("tracklab-" + System.nanoTime() + ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      return new TracklabProcess(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean envResetsSignals() {
    try {
      return new ProcessBuilder("env", "--default-signal=INT,TERM", "true").start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the process ignores {@code signal} (its bit in /proc/PID/status SigIgn). */
  boolean ignores(int signal) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }

  /** Waits for the exit code; fails the test (and kills the process) after {@code limit}. */
  int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      close();
      throw new AssertionError("tracklab did not finish within " + limit + "; output:\n" + output());
    }
    return process.exitValue();
  }

  /** Waits until the output contains {@code text}; fails after {@code limit} or when the process ends first. */
  void awaitOutput(String text, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!output().contains(text)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("no \"" + text + "\" in tracklab's output (" + (process.isAlive() ? "timed out"
            : "exited " + process.exitValue()) + "):\n" + output());
      }
      Thread.sleep(100);
    }
  }

  String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProcessHandle handle() {
    return process.toHandle();
  }

  /** Sends a signal by name (INT, TERM), as a terminal or a CI runner would. */
  void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).inheritIO().start();
    assertThat(kill.waitFor()).isZero();
  }

  /** A process's command line as /proc has it (arguments separated by NUL), "" once it is gone. */
  static String commandLine(ProcessHandle process) {
    try {
      return Files.readString(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
    } catch (IOException gone) {
      return "";
    }
  }

  /** Alive and not a zombie (a dead child nobody reaped yet counts as stopped). */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException gone) {
      return false;
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}

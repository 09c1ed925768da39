package io.tracklab.cli.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code local} engine: each injector is a child JVM of the controller on this machine
 * ({@code tracklab injector}), its output in {@code <logs>/<injector>.log}. The operating system
 * supervises them; a shutdown hook stops any still running when the controller exits, however it
 * exits short of SIGKILL.
 */
public final class LocalEngine implements InjectorEngine {
  private static final long STOP_GRACE_SECONDS = 10;

  private final String mainClass;
  private final Path logs;
  private final Path results;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final StopAtExit stopAtExit;

  /**
   * @param mainClass the command line's main class, on this JVM's class path (given, not named
   *     here: the engines know nothing of the commands above them)
   * @param logs where each injector's output goes
   * @param results where each injector writes its own run directory (result.json, Gatling's report)
   */
  public LocalEngine(String mainClass, Path logs, Path results) {
    this.mainClass = mainClass;
    this.logs = logs;
    this.results = results;
    this.stopAtExit = new StopAtExit("tracklab-local-injectors-stop", this::stopAll);
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public synchronized void launch(String injector, URI controller) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(InjectorJvmOptions.list(System.getenv()));
    // what tracklab.jar's manifest gives `java -jar` (Add-Opens, reports/pom.xml): Gatling needs it,
    // and a manifest's Add-Opens is not read for a jar on -cp
    command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass,
        "injector", "--controller", controller.toString(), "--name", injector, "--results", results.toString(),
        "--progress", "off"));
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(injector + ".log");
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
      processes.put(injector, process);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + injector + " (" + String.join(" ", command) + "): "
          + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<String> ended(String injector) {
    Process process = processes.get(injector);
    if (process == null) {
      return Optional.of("never started");
    }
    if (process.isAlive()) {
      return Optional.empty();
    }
    return Optional.of("its process (pid " + process.pid() + ") exited with " + describeExit(process.exitValue())
        + lastLines(logs.resolve(injector + ".log"), 5));
  }

  /** The pid of an injector's JVM (tests kill one). */
  public synchronized Optional<Long> pid(String injector) {
    Process process = processes.get(injector);
    return process == null ? Optional.empty() : Optional.of(process.pid());
  }

  @Override
  public void close() {
    stopAll();
    stopAtExit.cancel();
  }

  private synchronized void stopAll() {
    for (Process process : processes.values()) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes.values()) {
      try {
        if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static String describeExit(int code) {
    return code > 128 ? "code " + code + " (signal " + (code - 128) + ")" : "code " + code;
  }

  private static String lastLines(Path log, int count) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
      return last.isEmpty() ? "" : "; its last lines (" + log + "):\n      " + String.join("\n      ", last);
    } catch (IOException e) {
      return "";
    }
  }
}

package io.tracklab.simulations;

import io.gatling.app.Gatling$;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a simulation in this JVM through Gatling's own entry point (as {@code mvn gatling:test}
 * runs it in its fork), with system properties set for the run only, and reads its result.json.
 * For tests and benchmarks; the JVM needs {@code --add-opens=java.base/java.lang=ALL-UNNAMED}.
 */
public final class GatlingRuns {
  /** Gatling's exit status when the run went through and every assertion held. */
  public static final int OK = 0;

  /** What a run left. */
  public record Outcome(int status, RunResult result, Path gatlingResults) {
    /** The verdict of the gate named {@code name}. */
    public GateVerdict gate(String name) {
      return result.gates().stream().filter(gate -> gate.name().equals(name)).findFirst()
          .orElseThrow(() -> new AssertionError("no gate " + name + " in " + result.gates()));
    }

    /** The kinds of the faults the run injected, in order. */
    public List<String> faultKinds() {
      return result.run().faults().stream().map(FaultRecord::kind).toList();
    }
  }

  private GatlingRuns() {}

  /** Runs {@code simulation} with results under {@code directory}; an HTML report only if asked. */
  public static Outcome run(Class<? extends TracklabSimulation> simulation, Map<String, String> properties,
      Path directory, boolean htmlReport) {
    Path results = directory.resolve("tracklab");
    Path gatling = directory.resolve("gatling");
    Map<String, String> all = new HashMap<>(properties);
    all.put("tracklab.results.dir", results.toString());
    Map<String, String> previous = new HashMap<>();
    all.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    int status;
    try {
      List<String> arguments = new ArrayList<>(List.of(
          "--simulation", simulation.getName(), "--results-folder", gatling.toString()));
      if (!htmlReport) {
        arguments.add("--no-reports");
      }
      status = Gatling$.MODULE$.fromArgs(arguments.toArray(String[]::new));
    } finally {
      previous.forEach((key, value) -> {
        if (value == null) {
          System.clearProperty(key);
        } else {
          System.setProperty(key, value);
        }
      });
    }
    try (Stream<Path> files = Files.walk(results)) {
      Path file = files.filter(path -> path.getFileName().toString().equals(ResultFiles.FILE_NAME))
          .max(Path::compareTo).orElseThrow(() -> new IllegalStateException("no result.json under " + results));
      return new Outcome(status, ResultFiles.read(file), gatling);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

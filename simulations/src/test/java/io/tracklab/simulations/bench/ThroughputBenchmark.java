package io.tracklab.simulations.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lettuce.core.RedisURI;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.RunResult;
import io.tracklab.simulations.GatlingRuns;
import io.tracklab.simulations.ReadHeavySimulation;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How fast the read-heavy simulation goes on this machine, and what the harness costs on the
 * remote path, in one run:
 *
 * <ol>
 *   <li><b>baseline</b>: {@code redis-benchmark} GETs (64-byte values, 10k keys) through a proxy
 *       of a local standalone topology, one connection (as the client under test has), one
 *       request in flight and {@code users} pipelined ({@code -P users});
 *   <li><b>remote-only</b>: {@code ReadHeavySimulation} with {@code -Dclient=none} and 100% reads,
 *       {@code users} virtual users on one Lettuce connection: every operation a GET, checked,
 *       recorded by Gatling. Reported as a ratio to the baseline (before and after it, averaged);
 *   <li><b>read-heavy sweep</b>: {@code ReadHeavySimulation} with tracklab's client at each user
 *       count of {@code bench.users}, reads {@code bench.readRatio} (0.99: about 95% hits); the
 *       highest rate whose gates all pass is the sustained rate.
 * </ol>
 *
 * <p>{@code ./mvnw -B -pl simulations -am -Pthroughput -DskipTests verify}; writes
 * {@code simulations/target/benchmarks/throughput.json} and prints a Markdown table.
 */
public final class ThroughputBenchmark {
  private static final Duration RUN = Duration.parse("PT" + System.getProperty("bench.duration", "15s").toUpperCase(Locale.ROOT));
  private static final int[] SWEEP = Arrays.stream(System.getProperty("bench.users", "8,16,32,64").split(","))
      .map(String::trim).mapToInt(Integer::parseInt).toArray();
  private static final int REMOTE_USERS = Integer.getInteger("bench.remoteUsers", 8);
  private static final int KEYS = 10_000;
  private static final String READ_RATIO = System.getProperty("bench.readRatio", "0.99");

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path out = Path.of(args.length > 0 ? args[0] : "target/benchmarks");
    Files.createDirectories(out);
    Path work = Files.createTempDirectory(out, "runs-");
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("durationPerRun", RUN.toString());

    // the baseline before and after the remote-only run, averaged: redis-benchmark's rate drifts
    double[] before = {redisBenchmark(1), redisBenchmark(REMOTE_USERS)};
    Map<String, Object> remote = simulation(work, "none", "1.0", REMOTE_USERS);
    double[] after = {redisBenchmark(1), redisBenchmark(REMOTE_USERS)};
    double unpipelined = (before[0] + after[0]) / 2;
    double pipelined = (before[1] + after[1]) / 2;
    double remoteRate = (double) remote.get("operationsPerSecond");
    remote.put("redisBenchmarkOneInFlight", Map.of("getPerSecond", List.of(round(before[0]), round(after[0])),
        "ratio", round3(remoteRate / unpipelined)));
    remote.put("redisBenchmarkPipelined", Map.of("pipeline", REMOTE_USERS,
        "getPerSecond", List.of(round(before[1]), round(after[1])), "ratio", round3(remoteRate / pipelined)));
    report.put("remoteOnly", remote);
    System.out.printf("remote-only, %d users on 1 connection: %.0f ops/s; redis-benchmark -c 1: %.0f / %.0f GET/s"
            + " (ratio %.3f); -c 1 -P %d: %.0f / %.0f GET/s (ratio %.3f)%n", REMOTE_USERS, remoteRate,
        before[0], after[0], remoteRate / unpipelined, REMOTE_USERS, before[1], after[1], remoteRate / pipelined);

    List<Map<String, Object>> sweep = new ArrayList<>();
    Map<String, Object> best = null;
    for (int users : SWEEP) {
      Map<String, Object> run = simulation(work, "tracklab", READ_RATIO, users);
      sweep.add(run);
      System.out.printf("read-heavy, %d users: %.0f ops/s, hit ratio %.3f, gates %s%n", users,
          (double) run.get("operationsPerSecond"), (double) run.get("hitRatio"),
          (boolean) run.get("gatesPassed") ? "pass" : "FAIL " + run.get("failedGates"));
      if ((boolean) run.get("gatesPassed")
          && (best == null || (double) run.get("operationsPerSecond") > (double) best.get("operationsPerSecond"))) {
        best = run;
      }
    }
    report.put("readHeavySweep", sweep);
    report.put("readHeavyBest", best);

    Path file = out.resolve("throughput.json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    System.out.println();
    System.out.println("| run | users | ops/s | hit ratio | gates |");
    System.out.println("|---|---|---|---|---|");
    System.out.printf("| remote-only (`client=none`, 100%% reads) | %d | %,.0f (%.2f× redis-benchmark -c 1: %,.0f;"
            + " %.2f× with -P %d: %,.0f) | 0 | %s |%n", REMOTE_USERS, remoteRate, remoteRate / unpipelined, unpipelined,
        remoteRate / pipelined, REMOTE_USERS, pipelined, (boolean) remote.get("gatesPassed") ? "pass" : "fail");
    for (Map<String, Object> run : sweep) {
      System.out.printf("| read-heavy (`readRatio=%s`) | %d | %,.0f | %.3f | %s |%n", READ_RATIO, run.get("users"),
          (double) run.get("operationsPerSecond"), (double) run.get("hitRatio"),
          (boolean) run.get("gatesPassed") ? "pass" : "fail");
    }
    System.out.println("written: " + file.toAbsolutePath());
  }

  /** One simulation run: operations per second over the load's duration, hit ratio, gates. */
  private static Map<String, Object> simulation(Path work, String client, String readRatio, int users) {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("client", client);
    properties.put("readRatio", readRatio);
    properties.put("users", String.valueOf(users));
    properties.put("duration", RUN.toSeconds() + "s");
    properties.put("keys", String.valueOf(KEYS));
    properties.put("rate", "0"); // as fast as it goes
    properties.put("tracklab.provisioner", "local");
    if (client.equals("none")) {
      properties.put("gate.hitRatio", "0");
    }
    RunResult result = GatlingRuns.run(ReadHeavySimulation.class, properties, work, false).result();
    long reads = result.counters().getOrDefault("reads", 0L);
    long writes = result.counters().getOrDefault("writes", 0L) - KEYS; // less the preload, one write a key
    long operations = reads + writes;
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("client", client);
    run.put("users", users);
    run.put("readRatio", Double.parseDouble(readRatio));
    run.put("operationsPerSecond", round(operations / (double) RUN.toSeconds()));
    run.put("reads", reads);
    run.put("writes", writes);
    run.put("hitRatio", round3(reads == 0 ? 0 : result.counters().getOrDefault("hits", 0L) / (double) reads));
    run.put("gatesPassed", result.gates().stream().allMatch(GateVerdict::passed));
    run.put("failedGates", result.gates().stream().filter(gate -> !gate.passed()).map(GateVerdict::name).toList());
    run.put("runId", result.run().runId());
    return run;
  }

  /** redis-benchmark GETs through the proxy of a fresh standalone topology: one connection, {@code inFlight} pipelined. */
  private static double redisBenchmark(int inFlight) throws IOException, InterruptedException {
    try (Topology topology = new LocalProvisioner().start(TopologyKind.STANDALONE)) {
      RedisURI proxy = topology.clientUris().get(0);
      List<String> command = List.of("redis-benchmark", "-h", proxy.getHost(), "-p", String.valueOf(proxy.getPort()),
          "-c", "1", "-P", String.valueOf(inFlight), "-n", String.valueOf(200_000 * inFlight), "-t", "set,get", "-d", "64", "-r", "10000",
          "--csv");
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("redis-benchmark did not finish in 5 minutes");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new IllegalStateException("redis-benchmark failed (install redis-tools): " + output);
      }
      return output.lines().filter(line -> line.startsWith("\"GET\""))
          .mapToDouble(line -> Double.parseDouble(line.split(",")[1].replace("\"", "")))
          .findFirst().orElseThrow(() -> new IllegalStateException("no GET line in redis-benchmark output: " + output));
    }
  }

  private static double round(double value) {
    return Math.round(value);
  }

  private static double round3(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}

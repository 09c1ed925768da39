package io.tracklab.topologies.toxiproxy.bench;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.toxiproxy.EmbeddedToxiproxy;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * What the embedded Toxiproxy costs when no toxic is set: redis-benchmark against redis-server
 * directly, through the embedded proxy and (when installed) through HAProxy as a reference
 * forwarder, in the same run with the same connection count. The arms take turns in rotating
 * order every round so drift hits them alike; each figure is the median over rounds. Results go
 * to the console and to {@code target/benchmarks/proxy-overhead.json}.
 *
 * <p>Run: {@code ./mvnw -B -pl topologies -Pproxy-benchmark -DskipTests verify}. Knobs (system
 * properties): {@code bench.connections=1,50} (each count is its own experiment),
 * {@code bench.requests=200000} (per run at 50+ connections, fewer below), {@code bench.rounds=5}, {@code bench.haproxy=true},
 * {@code tracklab.toxiproxy.transport=nio|epoll}, {@code tracklab.toxiproxy.ioThreads}.
 */
public final class ProxyOverheadBenchmark {
  private static final double GOAL_THROUGHPUT_RATIO = 0.7;
  private static final double GOAL_ADDED_P50_MICROS = 50;
  private static final String DIRECT = "direct";
  private static final String TRACKLAB = "tracklab";
  private static final String HAPROXY = "haproxy";

  private final int[] connectionCounts = Arrays.stream(
          System.getProperty("bench.connections", "1,50").split(","))
      .map(String::trim).mapToInt(Integer::parseInt).toArray();
  private final int requests = Integer.getInteger("bench.requests", 200_000);
  private final int rounds = Integer.getInteger("bench.rounds", 5);
  private final boolean useHaproxy = Boolean.parseBoolean(System.getProperty("bench.haproxy", "true"));
  private final Path redisBenchmark = onPath("redis-benchmark").orElseThrow(() ->
      new IllegalStateException("redis-benchmark not found on PATH: install it (Debian: apt-get install redis-tools)"));

  public static void main(String[] args) throws Exception {
    new ProxyOverheadBenchmark().run();
  }

  private record Result(String test, double rps, double p50Micros, double p99Micros) {}

  private void run() throws Exception {
    Path work = Path.of("target", "benchmarks");
    try (RedisServerProcess redis = RedisServerProcess.start(work.resolve("redis"));
        EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.startOnLoopback();
        HaproxyReference haproxy = startHaproxy(work.resolve("haproxy"), redis.address())) {
      Proxy proxy = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port())
          .createProxy("redis", "127.0.0.1:0", redis.address());
      Map<String, Integer> arms = new LinkedHashMap<>();
      arms.put(DIRECT, redis.port());
      arms.put(TRACKLAB, Integer.parseInt(proxy.getListen().split(":")[1]));
      if (haproxy != null) {
        arms.put(HAPROXY, haproxy.port());
      }
      System.out.printf(Locale.ROOT,
          "redis-server %s; arms %s; tracklab transport %s; %d requests per run, %d rounds, %d cores%n",
          redis.address(), arms.keySet(), toxiproxy.transportName(), requests, rounds,
          Runtime.getRuntime().availableProcessors());

      List<String> json = new ArrayList<>();
      boolean goalsMet = true;
      for (int connections : connectionCounts) {
        int count = requestsFor(connections);
        System.out.printf("%n== %d connection(s), %d requests per run: warm-up...%n", connections, count);
        benchmark(arms.get(TRACKLAB), connections, count / 4);
        Map<String, Map<String, List<Result>>> byArm = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(arms.keySet());
        for (int round = 1; round <= rounds; round++) {
          for (String arm : order) {
            for (Result result : benchmark(arms.get(arm), connections, count)) {
              byArm.computeIfAbsent(arm, a -> new LinkedHashMap<>())
                  .computeIfAbsent(result.test(), t -> new ArrayList<>()).add(result);
            }
          }
          order.add(order.remove(0)); // rotate who goes first
          System.out.printf("round %d/%d done%n", round, rounds);
        }
        goalsMet &= report(connections, byArm, json);
      }
      System.out.printf(Locale.ROOT,
          "%ngoal (tracklab vs direct): throughput >= %.1fx and added p50 <= %.0f us: %s%n",
          GOAL_THROUGHPUT_RATIO, GOAL_ADDED_P50_MICROS, goalsMet ? "met" : "NOT met at every connection count");
      write(work.resolve("proxy-overhead.json"), toxiproxy.transportName(), json, goalsMet);
    }
  }

  /** {@code bench.requests} at 50+ connections, proportionally fewer (at least 20000) below. */
  private int requestsFor(int connections) {
    return Math.max(20_000, (int) ((long) requests * Math.min(connections, 50) / 50));
  }

  private HaproxyReference startHaproxy(Path directory, String upstream) throws IOException {
    if (!useHaproxy) {
      return null;
    }
    Optional<Path> executable = onPath("haproxy");
    if (executable.isEmpty()) {
      System.out.println("haproxy not on PATH: running without the reference arm (apt-get install haproxy)");
      return null;
    }
    return HaproxyReference.start(executable.get(), directory, upstream);
  }

  private boolean report(int connections, Map<String, Map<String, List<Result>>> byArm, List<String> json) {
    System.out.printf("%-5s %-9s %10s %7s %8s %10s %8s%n",
        "test", "arm", "rps", "ratio", "p50", "added p50", "p99");
    boolean goalsMet = true;
    for (String test : byArm.get(DIRECT).keySet()) {
      double directRps = median(byArm.get(DIRECT).get(test), Result::rps);
      double directP50 = median(byArm.get(DIRECT).get(test), Result::p50Micros);
      for (Map.Entry<String, Map<String, List<Result>>> arm : byArm.entrySet()) {
        List<Result> results = arm.getValue().get(test);
        double rps = median(results, Result::rps);
        double p50 = median(results, Result::p50Micros);
        double p99 = median(results, Result::p99Micros);
        double ratio = rps / directRps;
        double addedP50 = p50 - directP50;
        if (arm.getKey().equals(TRACKLAB)) {
          goalsMet &= ratio >= GOAL_THROUGHPUT_RATIO && addedP50 <= GOAL_ADDED_P50_MICROS;
        }
        System.out.printf(Locale.ROOT, "%-5s %-9s %10.0f %7.2f %6.0fus %8.0fus %6.0fus%n",
            test, arm.getKey(), rps, ratio, p50, addedP50, p99);
        json.add(String.format(Locale.ROOT,
            "    {\"connections\": %d, \"test\": \"%s\", \"arm\": \"%s\", \"rps\": %.0f, "
                + "\"ratio_to_direct\": %.3f, \"p50_us\": %.0f, \"added_p50_us\": %.0f, \"p99_us\": %.0f}",
            connections, test, arm.getKey(), rps, ratio, p50, addedP50, p99));
      }
    }
    return goalsMet;
  }

  private void write(Path out, String transport, List<String> rows, boolean goalsMet) throws IOException {
    String json = "{\n  \"transport\": \"" + transport + "\",\n"
        + "  \"requests\": " + requests + ",\n"
        + "  \"rounds\": " + rounds + ",\n"
        + "  \"cores\": " + Runtime.getRuntime().availableProcessors() + ",\n"
        + "  \"results\": [\n" + String.join(",\n", rows) + "\n  ],\n"
        + "  \"goals_met\": " + goalsMet + "\n}\n";
    Files.createDirectories(out.getParent());
    Files.writeString(out, json);
    System.out.println("written to " + out.toAbsolutePath());
  }

  private List<Result> benchmark(int port, int connections, int count)
      throws IOException, InterruptedException {
    List<String> command = List.of(redisBenchmark.toString(), "-h", "127.0.0.1", "-p",
        String.valueOf(port), "-c", String.valueOf(connections), "-n", String.valueOf(count),
        "-t", "set,get", "-d", "64", "-r", "10000", "--csv");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException("redis-benchmark failed: " + output);
    }
    List<Result> results = new ArrayList<>();
    for (String line : output.split("\n")) {
      // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
      String[] cells = line.replace("\"", "").split(",");
      if (cells.length >= 7 && !cells[0].equals("test")) {
        results.add(new Result(cells[0], Double.parseDouble(cells[1]),
            Double.parseDouble(cells[4]) * 1000, Double.parseDouble(cells[6]) * 1000));
      }
    }
    if (results.isEmpty()) {
      throw new IllegalStateException("no results in redis-benchmark output: " + output);
    }
    return results;
  }

  private static double median(List<Result> results, ToDoubleFunction<Result> value) {
    double[] values = results.stream().mapToDouble(value).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static Optional<Path> onPath(String executable) {
    for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(directory, executable);
      if (!directory.isEmpty() && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    for (String directory : List.of("/usr/sbin", "/sbin", "/usr/local/sbin")) {
      Path candidate = Path.of(directory, executable);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

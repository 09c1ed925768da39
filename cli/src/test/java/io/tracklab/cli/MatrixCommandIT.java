package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.reports.matrix.SideBySideTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison matrix as CI runs it: the shipped comparison set (thirteen experiments, short) with
 * tracklab's client in its three tracking modes and Lettuce's cache, the peer whose failures the
 * table must show and whose unsupported topologies it must name, each cell in its own JVM, against
 * real local Redis processes. The whole matrix (8 clients, ~22 min on 2 cores) is what
 * docs/side-by-side.md's tables come from; CI leaves out {@code none} (nothing to go stale),
 * {@code ttl}, {@code jedis-csc} and {@code redisson} to stay in its time: their adapters' own ITs
 * pin what the table shows of them (Redisson ignoring FLUSHALL's null invalidation and hearing of
 * no write after its connection is replaced: {@code RedissonCscClientIT}), and a Redisson matrix
 * runs among the documented commands.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class MatrixCommandIT {
  private static final List<String> EXPERIMENTS = List.of("no-fault", "latency", "reset", "silent-partition",
      "sentinel-failover", "slot-migration", "swapdb", "flush", "tracking-table-overflow", "idle-30", "idle-300",
      "invalidation-connection-kill", "key-expiry");
  private static final List<String> CLIENTS = List.of("tracklab", "tracklab-bcast", "tracklab-optin", "lettuce-csc");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path directory;

  @Test
  void theMatrix_runsEveryClientUnderEveryFault_andTracklabNeverServesBeyondTheBound() throws Exception {
    long started = System.nanoTime();
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "matrix", "--progress", "plain",
        "--clients", String.join(",", CLIENTS))) {
      int exit = tracklab.waitFor(Duration.ofMinutes(16));
      System.out.printf("matrix: %d cells in %.0f s%n", EXPERIMENTS.size() * CLIENTS.size(),
          (System.nanoTime() - started) / 1e9);
      assertThat(exit).as(tracklab.output()).isEqualTo(ExitCodes.PASSED);
      assertThat(tracklab.output()).contains("=== side by side");
    }
    Path matrix = onlyMatrix();
    List<List<String>> rows = markdownRows(matrix.resolve("side-by-side.md"));
    List<String> headings = SideBySideTable.headings();
    int client = headings.indexOf("client");
    int beyondBound = headings.indexOf("beyond bound");
    int gates = headings.indexOf("gates");

    assertThat(rows).hasSize(EXPERIMENTS.size() * CLIENTS.size());
    assertThat(rows.stream().map(row -> row.get(0)).distinct().toList()).isEqualTo(EXPERIMENTS);
    for (List<String> row : rows) {
      assertThat(row).as("a row per heading").hasSameSizeAs(headings);
      if (row.get(client).startsWith("tracklab")) { // in each of its tracking modes
        assertThat(row.get(beyondBound)).as("tracklab in " + row.get(0)).isEqualTo("0");
        assertThat(row.get(gates)).as("tracklab in " + row.get(0)).isEqualTo("pass");
      }
    }
    assertThat(cell(rows, "sentinel-failover", "lettuce-csc").get(2)).startsWith("unsupported: ");
    assertThat(cell(rows, "slot-migration", "lettuce-csc").get(2)).startsWith("unsupported: ");
    // a cache that loses invalidations serves stale data beyond the bound, and the table says so
    assertThat(Long.parseLong(cell(rows, "silent-partition", "lettuce-csc").get(beyondBound).replace(",", "")))
        .isPositive();
    // FLUSHALL's null invalidation: Lettuce's cache drops nothing and serves the flushed values
    assertThat(Long.parseLong(cell(rows, "flush", "lettuce-csc").get(beyondBound).replace(",", ""))).isPositive();

    // the table's figures are the results': tracklab's violations read straight from each result.json
    try (Stream<Path> runs = Files.list(matrix)) {
      List<Path> ours = runs.filter(run -> run.getFileName().toString()
          .matches(".*-tracklab(-bcast|-optin)?-\\d{8}-\\d{6}")).toList();
      assertThat(ours).hasSize(3 * EXPERIMENTS.size());
      for (Path run : ours) {
        JsonNode result = JSON.readTree(run.resolve("result.json").toFile());
        assertThat(result.at("/counters/violations").asLong()).as(run.toString()).isZero();
        assertThat(result.at("/counters/reads").asLong()).as(run.toString()).isPositive();
      }
    }
    String page = Files.readString(matrix.resolve("side-by-side.html"));
    assertThat(page).contains("<table class=\"matrix\">", "<td class=\"alarm\">", "t-visibility per experiment");
  }

  private Path onlyMatrix() throws IOException {
    try (Stream<Path> found = Files.list(directory.resolve("tracklab-results"))) {
      List<Path> matrices = found.filter(path -> path.getFileName().toString().startsWith("matrix-")).toList();
      assertThat(matrices).hasSize(1);
      return matrices.get(0);
    }
  }

  /** The table's body rows, cell by cell. */
  private static List<List<String>> markdownRows(Path file) throws IOException {
    List<List<String>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("| ") && !line.startsWith("| experiment |") && !line.startsWith("| --- |")) {
        String inner = line.substring(2, line.length() - 2);
        rows.add(Arrays.stream(inner.split(" \\| ", -1)).map(String::trim).toList());
      }
    }
    return rows;
  }

  private static List<String> cell(List<List<String>> rows, String experiment, String client) {
    return rows.stream().filter(row -> row.get(0).equals(experiment) && row.get(1).equals(client)).findFirst()
        .orElseThrow(() -> new AssertionError("no row for " + experiment + " / " + client));
  }
}

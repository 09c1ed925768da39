package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in this JVM, for everything that runs no experiment. */
class TracklabCommandTest {
  private static final Path SHIPPED = Path.of(System.getProperty("tracklab.experiments", "../experiments"));

  @TempDir
  Path directory;

  @Test
  void everyShippedExperiment_isValid() throws IOException {
    String[] files;
    try (Stream<Path> list = Files.list(SHIPPED)) {
      files = list.filter(file -> file.toString().endsWith(".yaml")).map(Path::toString).sorted().toArray(String[]::new);
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(10);
    String[] args = new String[files.length + 1];
    args[0] = "validate";
    System.arraycopy(files, 0, args, 1, files.length);
    InProcess result = InProcess.tracklab(args);
    assertThat(result.err()).isEmpty();
    assertThat(result.exitCode()).isEqualTo(ExitCodes.PASSED);
    assertThat(result.out().lines()).hasSize(files.length).allMatch(line -> line.startsWith("valid   "));
  }

  @Test
  void list_showsTheShippedExperiments_andEachValidatesByName() {
    InProcess list = InProcess.tracklab("list");
    assertThat(list.exitCode()).isZero();
    for (String name : new String[] {"read-heavy-baseline", "write-heavy-baseline", "latency-spike-primary",
        "silent-partition", "connection-resets", "sentinel-failover-kill", "sentinel-planned-failover",
        "cluster-primary-kill", "cluster-slot-migration", "bandwidth-starvation"}) {
      assertThat(list.out()).contains(name);
      assertThat(InProcess.tracklab("validate", name).exitCode()).as(name).isZero();
    }
    assertThat(list.out()).doesNotContain("(invalid:");
  }

  @Test
  void validate_listsEveryProblemOfEveryFile_exits2_andChangesNothingOnDisk() throws Exception {
    Path good = write("good.yaml", "schema: 1\n");
    Path bad = write("bad.yaml", "schema: 1\nduration: -1s\nworkload:\n  users: none\n");
    Path worse = write("worse.yaml", "schema: 1\ntopology: mesh\n");
    Map<Path, FileTime> before = snapshot();

    InProcess result = InProcess.tracklab("validate", good.toString(), bad.toString(), worse.toString(),
        directory.resolve("missing.yaml").toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.out()).contains("valid   " + good).contains("INVALID " + bad).contains("INVALID " + worse);
    assertThat(result.err()).contains(
        bad + ":2: duration = \"-1s\": must not be negative; write a duration like 30s",
        bad + ":4: workload.users = \"none\": must be a whole number from 1 to 10000",
        worse + ":2: topology = \"mesh\": unknown topology; expected standalone, sentinel or cluster",
        directory.resolve("missing.yaml") + ": (file): no such file",
        "3 of 4 experiment files invalid");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void run_withAnInvalidFile_runsNothing_writesNothing_andExits2() throws Exception {
    Path good = write("good.yaml", "schema: 1\nduration: 5s\n");
    Path bad = write("bad.yaml", "schema: 1\nfaults:\n  - at 10s: kill primary\nduration: 5s\n");
    Path results = directory.resolve("results");
    Map<Path, FileTime> before = snapshot();

    InProcess result = InProcess.tracklab("run", "--results", results.toString(), good.toString(), bad.toString());

    assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(result.err()).contains(bad + ":3: faults[0] = \"at 10s: kill primary\": starts at 10s, not before "
        + "the end of the run at 5s");
    assertThat(results).doesNotExist();
    assertThat(snapshot()).isEqualTo(before);
  }

  /** A standalone external topology (nothing listens there: refusals come before any connection). */
  private Path externalTopology(String extra) throws IOException {
    return write("staging.yaml", extra + """
        schema: 1
        kind: standalone
        toxiproxy:
          url: http://127.0.0.1:9
        nodes:
          - name: primary
            role: primary
            proxy: redis-primary
            address: 127.0.0.1:10
            admin: 127.0.0.1:11
        """);
  }

  @Test
  void faultsOnAnExternalTopology_areRefusedBeforeAnythingStarts_unlessItsFileAllowsThem() throws Exception {
    Path topology = externalTopology("");
    Path results = directory.resolve("results");
    for (String command : new String[] {"run", "matrix"}) {
      InProcess refused = InProcess.tracklab(command, "--results", results.toString(), "--provisioner", "external",
          "--topology-file", topology.toString(), "latency-spike-primary");

      assertThat(refused.exitCode()).as(command).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(refused.err()).as(command).contains(topology + ": allowFaults: is not true, so faults on this "
          + "external topology are refused (2 are scheduled, the first \"at 5s for 8s: latency 50ms jitter 10ms "
          + "downstream on primary\"); add allowFaults: true to the file to allow faults through its proxies "
          + "(experiments/latency-spike-primary.yaml)");
      assertThat(refused.out()).as(command).doesNotContain("starting a", "=== tracklab run");
      assertThat(results).as(command).doesNotExist();
    }
  }

  @Test
  void securityOptions_areChecked_andRefusedForAnExternalTopology_beforeAnythingStarts() throws Exception {
    Path results = directory.resolve("results");
    InProcess bogus = InProcess.tracklab("run", "--results", results.toString(), "--auth", "kerberos",
        "read-heavy-baseline");
    assertThat(bogus.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bogus.err()).contains("--auth=kerberos: expected none, password or acl");

    Path topology = externalTopology("allowFaults: true\n");
    InProcess external = InProcess.tracklab("run", "--results", results.toString(), "--provisioner", "external",
        "--topology-file", topology.toString(), "--auth", "acl", "--tls", "read-heavy-baseline");
    assertThat(external.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(external.err()).contains("security: acl+tls applies to topologies tracklab starts");
    assertThat(external.out()).doesNotContain("starting a");
    assertThat(results).doesNotExist();
  }

  @Test
  void nodeFaultsOnAnExternalTopology_areRefusedEvenWhenFaultsAreAllowed_namingTheFaultsLine() throws Exception {
    Path topology = externalTopology("allowFaults: true\n");
    Path experiment = write("kill.yaml", "schema: 1\nduration: 10s\nfaults:\n  - at 2s: latency 5ms on primary\n"
        + "  - at 3s for 2s: kill primary\n");

    InProcess refused = InProcess.tracklab("run", "--provisioner", "external", "--topology-file", topology.toString(),
        experiment.toString());

    assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err()).contains(experiment + ":5: faults[1] = \"at 3s for 2s: kill primary\": kill is not "
        + "possible on an external topology: tracklab does not own its nodes (only faults through their proxies are, "
        + "and failovers where the file allows them)");
    assertThat(refused.err()).doesNotContain("faults[0]");
  }

  @Test
  void run_refusesBadOptions_withExit2() {
    assertThat(InProcess.tracklab("run", "--duration", "soon", "read-heavy-baseline").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(InProcess.tracklab("run", "--progress", "fancy", "read-heavy-baseline").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(InProcess.tracklab("run", "--provisioner", "kubernetes", "read-heavy-baseline").exitCode())
        .isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(InProcess.tracklab("run", "--provisioner", "external", "read-heavy-baseline").err())
        .contains("--provisioner external needs --topology-file <file>");
    assertThat(InProcess.tracklab("run").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(InProcess.tracklab("explode").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(InProcess.tracklab().exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void helpOnEveryCommand_documentsTheExitCodes() {
    InProcess top = InProcess.tracklab("--help");
    assertThat(top.exitCode()).isZero();
    assertThat(top.out()).contains("run", "validate", "list", "report", "Exit codes:", "130", "143");
    for (String command : new String[] {"run", "validate", "list", "report"}) {
      InProcess help = InProcess.tracklab(command, "--help");
      assertThat(help.exitCode()).as(command).isZero();
      assertThat(help.out()).as(command).startsWith("Usage: tracklab " + command);
    }
    assertThat(InProcess.tracklab("run", "--help").out()).contains("--duration", "--results", "--provisioner", "1 ", "3 ");
  }

  @Test
  void report_writesTheSummaryBesideOneResult_orOnePageForSeveral_andRefusesWhatIsNoResult() throws Exception {
    Path first = directory.resolve("a").resolve("result.json");
    Path second = directory.resolve("b").resolve("result.json");
    for (Path file : List.of(first, second)) {
      io.tracklab.harness.result.ResultFiles.write(file, new io.tracklab.harness.result.RunResult(
          io.tracklab.harness.result.RunResult.SCHEMA, new io.tracklab.harness.result.RunMetadata(
              file.getParent().getFileName() + "-20261123-120000", 0, 1000, "standalone", "local", "tracklab",
              Map.of(), List.of(), List.of(), false), Map.of(), Map.of("reads", 1L), List.of(), List.of()));
    }
    InProcess one = InProcess.tracklab("report", first.getParent().toString());
    assertThat(one.exitCode()).as(one.err()).isZero();
    assertThat(first.resolveSibling("summary.html")).content().contains("a-20261123-120000");

    Path page = directory.resolve("both.html");
    assertThat(InProcess.tracklab("report", "-o", page.toString(), first.toString(), second.toString()).exitCode()).isZero();
    assertThat(page).content().contains("<h2>Side by side</h2>", "a-20261123-120000", "b-20261123-120000");

    Path notAResult = write("x.json", "{\"schema\": 7}");
    InProcess bad = InProcess.tracklab("report", notAResult.toString(), directory.resolve("missing.json").toString());
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(bad.err()).contains(notAResult + ": not a tracklab result.json");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(directory.resolve(name), text);
  }

  /** Every path under the test's directory with its modification time. */
  private Map<Path, FileTime> snapshot() throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(directory)) {
      for (Path path : walk.toList()) {
        files.put(path, Files.getLastModifiedTime(path));
      }
    }
    return files;
  }
}

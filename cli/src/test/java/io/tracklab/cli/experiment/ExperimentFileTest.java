package io.tracklab.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.chaos.ToxicFault;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.KeyExpiry;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.topologies.TopologyKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentFileTest {
  private static final Path FILE = Path.of("experiments", "x.yaml");

  private static Experiment parse(String text) {
    return ExperimentFile.parse(FILE, text, ExperimentFile.Overrides.NONE);
  }

  /** The problems, as the command line prints them. */
  private static List<String> problems(String text, ExperimentFile.Overrides overrides) {
    ExperimentException error = catchThrowableOfType(ExperimentException.class,
        () -> ExperimentFile.parse(FILE, text, overrides));
    assertThat(error).as("an invalid file").isNotNull();
    return error.problems().stream().map(ExperimentProblem::toString).toList();
  }

  private static List<String> problems(String text) {
    return problems(text, ExperimentFile.Overrides.NONE);
  }

  @Test
  void aCompleteFile_becomesTheRunPlan() {
    Experiment experiment = parse("""
        schema: 1
        name: spike
        description: a latency spike
        topology: sentinel
        client: ttl
        clientTtl: 2s
        maxEntryAge: 90s
        duration: 40s
        workload:
          users: 4
          rate: 1_000
          keys: 500
          distribution: hotset:0.1
          readRatio: 0.8
          valueSize: 128
          mgetRatio: 0.2
          mgetSize: 3
          deleteRatio: 0.5
          expiringKeys: 0.25
          keyTtl: 300ms
        faults:
          - at 5s for 10s: latency 50ms jitter 5ms on current-primary
          - "at 20s: sentinel failover"
        gates:
          failedPercent: 2.5
          remoteP99: 800ms
          invalidationP99: 40ms
          hitRatio: 0.5
        """);
    RunPlan plan = experiment.plan();
    assertThat(experiment.name()).isEqualTo("spike");
    assertThat(experiment.description()).isEqualTo("a latency spike");
    var settings = plan.settings();
    assertThat(settings.topology()).isEqualTo(TopologyKind.SENTINEL);
    assertThat(settings.client()).isEqualTo("ttl");
    assertThat(settings.clientTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.maxEntryAge()).as("kept for the tracklab client of a matrix").isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.duration()).isEqualTo(Duration.ofSeconds(40));
    assertThat(settings.users()).isEqualTo(4);
    assertThat(settings.rate()).isEqualTo(1000);
    assertThat(settings.keys()).isEqualTo(500);
    assertThat(settings.distribution()).isEqualTo(new KeyDistribution.HotSet(0.1, 0.9));
    assertThat(settings.readRatio()).isEqualTo(0.8);
    assertThat(settings.valueSize()).isEqualTo(128);
    assertThat(settings.mix().mgetRatio()).isEqualTo(0.2);
    assertThat(settings.mix().mgetSize()).isEqualTo(3);
    assertThat(settings.mix().deleteRatio()).isEqualTo(0.5);
    assertThat(settings.mix().expiry()).isEqualTo(new KeyExpiry(0.25, Duration.ofMillis(300)));
    assertThat(plan.faults().faults()).extracting(ScheduledFault::text)
        .containsExactly("at 5s for 10s: latency 50ms jitter 5ms on current-primary", "at 20s: sentinel failover");
    assertThat(plan.faults().faults().get(0).fault()).isEqualTo(new ToxicFault("latency", "current-primary",
        ToxicFault.Direction.DOWNSTREAM, Duration.ofMillis(50), 0, Duration.ofMillis(5)));
    assertThat(plan.gates().failedPercent()).isEqualTo(2.5);
    assertThat(plan.gates().remoteP99()).isEqualTo(Duration.ofMillis(800));
    assertThat(plan.gates().invalidationP99()).isEqualTo(Duration.ofMillis(40));
    assertThat(plan.gates().hitRatio()).isEqualTo(0.5);
    assertThat(plan.gates().staleBound()).as("deadline 500 ms + 50 ms tolerance + 55 ms injected")
        .isEqualTo(Duration.ofMillis(605));
  }

  @Test
  void fieldsLeftOut_takeTheDocumentedDefaults_andTheNameComesFromTheFile() {
    RunPlan plan = parse("schema: 1\n").plan();
    assertThat(plan.name()).isEqualTo("x");
    assertThat(plan.settings()).isEqualTo(ExperimentFile.DEFAULT_WORKLOAD);
    assertThat(plan.gates()).isEqualTo(ExperimentFile.DEFAULT_GATES);
    assertThat(plan.faults().isEmpty()).isTrue();
  }

  @Test
  void anExplicitStaleBound_isTakenAsWritten() {
    RunPlan plan = parse("""
        schema: 1
        faults:
          - at 1s for 1s: latency 300ms on primary
        gates:
          staleBound: 700ms
        """).plan();
    assertThat(plan.gates().staleBound()).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void badYaml_namesTheLineAndColumn() {
    assertThat(problems("""
        schema: 1
        workload:
          users: 4
         rate: 10
        """)).containsExactly("experiments/x.yaml:4: (yaml): not valid YAML: expected <block end>, but found "
            + "'<block mapping start>' while parsing a block mapping (column 2)");
  }

  @Test
  void injectors_makeADistributedRun_oneByDefault() {
    assertThat(parse("schema: 1\nname: x\n").injectors()).isEqualTo(1);
    assertThat(parse("schema: 1\nname: x\ninjectors: 3\n").injectors()).isEqualTo(3);
  }

  @Test
  void injectors_outOfRange_orMoreThanTheKeys_areProblems() {
    assertThat(problems("schema: 1\nname: x\ninjectors: 0\n"))
        .containsExactly("experiments/x.yaml:3: injectors = \"0\": must be a whole number from 1 to 256");
    assertThat(problems("schema: 1\nname: x\ninjectors: 5\nworkload:\n  keys: 4\n")).singleElement()
        .asString().contains("injectors", "5 injectors need at least as many keys", "workload.keys is 4");
  }

  @Test
  void unknownFields_areProblems_atEveryLevel() {
    assertThat(problems("""
        schema: 1
        topolgy: cluster
        workload:
          userz: 4
        gates:
          stalenessBound: 1s
        """)).containsExactly(
            "experiments/x.yaml:2: topolgy: unknown field; known fields here: schema, name, description, topology, "
                + "client, clientTtl, maxEntryAge, duration, workload, faults, gates, security, injectors",
            "experiments/x.yaml:4: workload.userz: unknown field; known fields here: users, rate, keys, distribution, "
                + "readRatio, valueSize, mgetRatio, mgetSize, deleteRatio, expiringKeys, keyTtl",
            "experiments/x.yaml:6: gates.stalenessBound: unknown field; known fields here: failedPercent, remoteP99, "
                + "staleBound, invalidationP99, hitRatio");
  }

  @Test
  void aKeyTtl_needsExpiringKeys_andWholeMilliseconds() {
    assertThat(problems("""
        schema: 1
        workload:
          keyTtl: 300ms
        """)).containsExactly("experiments/x.yaml:3: workload.keyTtl = \"300ms\": applies to expiring keys: give their "
            + "share too (expiringKeys: 0.2 for a fifth)");
    assertThat(problems("""
        schema: 1
        workload:
          expiringKeys: 0.5
          keyTtl: 0.5ms
        """)).singleElement().asString().startsWith("experiments/x.yaml:4: workload.keyTtl = \"0.5ms\": at least 1ms");
    assertThat(problems("""
        schema: 1
        workload:
          expiringKeys: 1.5
        """)).singleElement().asString().contains("workload.expiringKeys");
  }

  @Test
  void negativeDurations_areRefused() {
    assertThat(problems("""
        schema: 1
        duration: -30s
        gates:
          remoteP99: -5ms
        """)).containsExactly(
            "experiments/x.yaml:2: duration = \"-30s\": must not be negative; write a duration like 30s",
            "experiments/x.yaml:4: gates.remoteP99 = \"-5ms\": must not be negative; write a duration like 30s");
  }

  @Test
  void badNumbersAndValues_nameTheFieldAndValue() {
    assertThat(problems("""
        schema: 1
        client: memcached
        workload:
          users: 0
          readRatio: 1.5
          distribution: pareto
          keys: lots
        """)).containsExactly(
            "experiments/x.yaml:2: client = \"memcached\": unknown client; expected tracklab, tracklab-bcast, tracklab-optin, "
                + "ttl, none, lettuce-csc, "
                + "jedis-csc, redisson",
            "experiments/x.yaml:4: workload.users = \"0\": must be a whole number from 1 to 10000",
            "experiments/x.yaml:5: workload.readRatio = \"1.5\": must be a number from 0 to 1",
            "experiments/x.yaml:6: workload.distribution = \"pareto\": expected uniform, zipf:<exponent>, "
                + "hotset:<fraction>[:<probability>] or sequential",
            "experiments/x.yaml:7: workload.keys = \"lots\": must be a whole number from 1 to 100000000");
  }

  @Test
  void aClientThatCannotRunTheTopology_isValid_itsRunSaysUnsupported() {
    // Lettuce's ClientSideCaching is standalone only: not a problem of the file, a result of the run
    assertThat(parse("schema: 1\ntopology: cluster\nclient: lettuce-csc\n").plan().settings().client())
        .isEqualTo("lettuce-csc");
  }

  @Test
  void overlappingFaultsThatCannotCoexist_areProblems() {
    assertThat(problems("""
        schema: 1
        topology: sentinel
        faults:
          - at 5s for 10s: kill primary
          - at 8s for 4s: pause primary
        """)).containsExactly("experiments/x.yaml:5: faults[1] = \"at 8s for 4s: pause primary\": overlaps "
            + "\"at 5s for 10s: kill primary\" on primary: a node's process cannot be killed or paused twice at once "
            + "(the first heal would restart or resume it under the other)");
  }

  @Test
  void unknownTopologiesAndNodes_areProblems() {
    assertThat(problems("""
        schema: 1
        topology: replicated
        """)).containsExactly(
            "experiments/x.yaml:2: topology = \"replicated\": unknown topology; expected standalone, sentinel or cluster");
    assertThat(problems("""
        schema: 1
        topology: cluster
        faults:
          - at 5s for 5s: kill node-7
          - at 12s: sentinel failover
        """)).containsExactly(
            "experiments/x.yaml:4: faults[0] = \"at 5s for 5s: kill node-7\": no node \"node-7\" in a cluster topology; "
                + "its nodes are node-1, node-2, node-3, node-4, node-5, node-6, or current-primary",
            "experiments/x.yaml:5: faults[1] = \"at 12s: sentinel failover\": needs a sentinel topology; this one is "
                + "cluster");
  }

  @Test
  void faultsScheduledAfterTheEnd_areProblems_alsoWhenTheCommandLineShortensTheRun() {
    String text = """
        schema: 1
        duration: 30s
        faults:
          - at 30s: kill primary
          - at 5s for 10s: latency 50ms on primary
        """;
    assertThat(problems(text)).containsExactly("experiments/x.yaml:4: faults[0] = \"at 30s: kill primary\": "
        + "starts at 30s, not before the end of the run at 30s");
    assertThat(problems(text, new ExperimentFile.Overrides(Duration.ofSeconds(10), null))).containsExactly(
        "experiments/x.yaml:4: faults[0] = \"at 30s: kill primary\": starts at 30s, not before the end of the run "
            + "at 10s set by --duration",
        "experiments/x.yaml:5: faults[1] = \"at 5s for 10s: latency 50ms on primary\": heals at 15s, not before the "
            + "end of the run at 10s set by --duration (leave \"for\" out to last until the end)");
  }

  @Test
  void anExternalTopology_namesItsOwnNodes() {
    String text = """
        schema: 1
        faults:
          - at 5s for 5s: latency 10ms on cache-primary
        """;
    assertThat(problems(text)).hasSize(1);
    assertThat(ExperimentFile.parse(FILE, text, new ExperimentFile.Overrides(null, List.of("cache-primary")))
        .plan().faults().namedNodes()).containsExactly("cache-primary");
  }

  @Test
  void badFaultLines_sayWhatIsWrong() {
    assertThat(problems("""
        schema: 1
        faults:
          - at 5s for 10s: latenc 50ms on primary
          - at soon: kill primary
          - [kill, primary]
        """)).containsExactly(
            "experiments/x.yaml:3: faults[0] = \"at 5s for 10s: latenc 50ms on primary\": unknown fault \"latenc\"; "
                + "known: latency, bandwidth, timeout, partition, reset, slow-close, disable, kill, pause, "
                + "sentinel failover, cluster failover, migrate slot, swapdb, flushall, flushdb, tracking-table-max-keys, "
                + "kill-connections",
            "experiments/x.yaml:4: faults[1] = \"at soon: kill primary\": the time after \"at\" is not a duration: "
                + "\"soon\" (write it like 250ms, 1.5s, 2m, 1h or 0)",
            "experiments/x.yaml:5: faults[2]: must be one line like \"at 10s for 20s: latency 50ms on primary\"");
  }

  @Test
  void everyProblemIsListedAtOnce_inLineOrder() {
    assertThat(problems("""
        schema: 2
        name: has space
        duration: 0
        workload:
          rate: fast
          rate: 5
        clientTtl: 1s
        """)).containsExactly(
            "experiments/x.yaml:1: schema = \"2\": this tracklab reads experiment schema 1",
            "experiments/x.yaml:2: name = \"has space\": must be letters, digits, '.', '_' or '-' (up to 64), "
                + "starting with a letter or digit",
            "experiments/x.yaml:3: duration = \"0\": must be longer than 0",
            "experiments/x.yaml:5: workload.rate = \"fast\": must be a number from 0 to 10000000",
            "experiments/x.yaml:6: workload.rate: is given twice (also on line 5)",
            "experiments/x.yaml:7: clientTtl = \"1s\": only applies to client: ttl (this experiment's client is "
                + "tracklab)");
  }

  @Test
  void aFileWithoutSchema_orEmpty_orNotAMapping_isRefused() {
    assertThat(problems("name: x\n")).containsExactly("experiments/x.yaml:1: schema: is required: write "
        + "\"schema: 1\" (the experiment schema this tracklab reads)");
    assertThat(problems("")).containsExactly("experiments/x.yaml: (file): is empty; an experiment needs at least "
        + "\"schema: 1\"");
    assertThat(problems("- schema: 1\n")).containsExactly("experiments/x.yaml:1: (file): must be a mapping of "
        + "schema, name, description, topology, client, clientTtl, maxEntryAge, duration, workload, faults, gates, security, "
        + "injectors");
  }

  @Test
  void aFailoverOnAnExternalTopology_needsItsFilesSecondFlag() {
    String text = "schema: 1\ntopology: sentinel\nduration: 10s\nfaults:\n  - \"at 3s: sentinel failover\"\n";
    List<String> nodes = List.of("primary", "replica-1", "sentinel-1");
    assertThat(problems(text, new ExperimentFile.Overrides(null, nodes, null, null, false))).containsExactly(
        "experiments/x.yaml:5: faults[0] = \"at 3s: sentinel failover\": sentinel-failover acts on the nodes of the "
            + "external topology, whose file does not say allowNodeFaults: true");
    assertThat(ExperimentFile.parse(FILE, text, new ExperimentFile.Overrides(null, nodes, null, null, true))
        .plan().faults().faults()).hasSize(1);
  }
}

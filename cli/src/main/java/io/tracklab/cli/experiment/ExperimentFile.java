package io.tracklab.cli.experiment;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.config.DurationText;
import io.tracklab.harness.chaos.ScheduleCheck;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.run.ExternalFaultPolicy;
import io.tracklab.simulations.run.RunPlan;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.Secret;
import io.tracklab.topologies.security.SecretException;
import io.tracklab.topologies.security.SecretReference;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an experiment file (YAML, schema {@value #SCHEMA}; {@code docs/experiment-schema.md}
 * documents every field). Every problem is collected and reported at once, each naming the file,
 * the line, the field and the bad value. Reading never writes anything.
 */
public final class ExperimentFile {
  public static final int SCHEMA = 1;

  // the defaults docs/experiment-schema.md lists; a field left out takes these
  static final TopologyKind DEFAULT_TOPOLOGY = TopologyKind.STANDALONE;
  static final String DEFAULT_CLIENT = "tracklab";
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
  static final RunSettings DEFAULT_WORKLOAD = new RunSettings(DEFAULT_TOPOLOGY, DEFAULT_CLIENT, DEFAULT_DURATION,
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5), new OperationMix(0, 5, 0));
  /** Stale reads may be this much older than the heartbeat deadline (plus any injected latency). */
  static final Duration STALE_BOUND_TOLERANCE = Duration.ofMillis(50);
  static final GateSettings DEFAULT_GATES = new GateSettings(1, Duration.ofMillis(500),
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plus(STALE_BOUND_TOLERANCE), Duration.ofMillis(500), 0);

  static final Set<String> CLIENTS = new LinkedHashSet<>(RunSettings.CLIENTS);
  private static final Set<String> TOP = new LinkedHashSet<>(List.of("schema", "name", "description", "topology",
      "client", "clientTtl", "maxEntryAge", "duration", "workload", "faults", "gates", "security", "injectors"));
  private static final Set<String> SECURITY = new LinkedHashSet<>(List.of("auth", "tls", "adminPassword",
      "clientPassword"));
  private static final Set<String> WORKLOAD = new LinkedHashSet<>(List.of("users", "rate", "keys", "distribution",
      "readRatio", "valueSize", "mgetRatio", "mgetSize", "deleteRatio", "expiringKeys", "keyTtl"));
  private static final Set<String> GATES = new LinkedHashSet<>(List.of("failedPercent", "remoteP99", "staleBound",
      "invalidationP99", "hitRatio"));
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /**
   * What the command line may change in an experiment without editing it.
   *
   * @param duration the run's duration instead of the file's; null: the file's
   * @param nodeNames the topology's node names when they are not tracklab's own (an external
   *     topology file names its nodes); null: the topology kind's
   * @param auth the authentication instead of the file's {@code security.auth}; null: the file's
   * @param tls TLS instead of the file's {@code security.tls}; null: the file's
   * @param externalNodeFaults the external topology file says {@code allowNodeFaults: true}:
   *     failovers are allowed on it
   */
  public record Overrides(Duration duration, List<String> nodeNames, AuthMode auth, Boolean tls,
      boolean externalNodeFaults) {
    public static final Overrides NONE = new Overrides(null, null);

    public Overrides(Duration duration, List<String> nodeNames) {
      this(duration, nodeNames, null, null, false);
    }
  }

  /** The most injectors one experiment may ask for (a typo's 1000 would start a thousand JVMs). */
  static final int MAX_INJECTORS = 256;

  private final Path source;
  private final Problems problems;

  private ExperimentFile(Path source) {
    this.source = source;
    this.problems = new Problems(source);
  }

  /**
   * @throws ExperimentException listing every problem, when the file cannot be read or is invalid
   */
  public static Experiment read(Path file, Overrides overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (CharacterCodingException e) {
      throw single(file, "(file)", "is not UTF-8 text");
    } catch (IOException e) {
      throw single(file, "(file)", "cannot be read: " + (e.getMessage() == null ? e : e.getMessage()));
    }
    return parse(file, text, overrides);
  }

  /** Reads {@code text} as if it came from {@code source} (named in every problem). */
  public static Experiment parse(Path source, String text, Overrides overrides) {
    return new ExperimentFile(source).experiment(text, overrides);
  }

  private static ExperimentException single(Path file, String field, String message) {
    return new ExperimentException(List.of(new ExperimentProblem(file, 0, field, null, message)));
  }

  private Experiment experiment(String text, Overrides overrides) {
    Node root;
    try {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(true); // reported as problems, with both lines
      root = new Yaml(options).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      problems.add(line, "(yaml)", null, "not valid YAML: " + e.getProblem()
          + (e.getContext() == null ? "" : " " + e.getContext())
          + (e.getProblemMark() == null ? "" : " (column " + (e.getProblemMark().getColumn() + 1) + ")"));
      throw new ExperimentException(problems.sorted());
    } catch (YAMLException e) {
      problems.add(0, "(yaml)", null, "not valid YAML: " + e.getMessage());
      throw new ExperimentException(problems.sorted());
    }
    if (root == null) {
      problems.add(0, "(file)", null, "is empty; an experiment needs at least \"schema: " + SCHEMA + "\"");
      throw new ExperimentException(problems.sorted());
    }
    YamlFields top = YamlFields.of(problems, "", root, TOP);
    if (!(root instanceof MappingNode)) {
      throw new ExperimentException(problems.sorted()); // nothing else to say about a list or a word
    }
    schema(top);
    String name = name(top);
    String description = top.text("description", "");
    TopologyKind topology = topology(top);
    String client = client(top);
    Duration duration = overrides.duration() != null ? overrides.duration()
        : top.duration("duration", DEFAULT_DURATION, true);
    Duration clientTtl = top.duration("clientTtl", DEFAULT_WORKLOAD.clientTtl(), true);
    if (top.has("clientTtl") && !client.equals("ttl") && CLIENTS.contains(top.text("client", DEFAULT_CLIENT)
        .toLowerCase(Locale.ROOT))) {
      top.problem("clientTtl", "only applies to client: ttl (this experiment's client is " + client + ")");
    }
    // the tracklab client's; not refused for others, so one file serves every client of a matrix
    Duration maxEntryAge = top.duration("maxEntryAge", DEFAULT_WORKLOAD.maxEntryAge(), true);
    RunSettings settings = workload(top, topology, client, duration, clientTtl, maxEntryAge);
    FaultSchedule faults = faults(top, topology, duration, overrides);
    GateSettings gates = gates(top, faults);
    TopologySecurity security = security(top, overrides);
    // how many application instances run it (docs/distributed.md); --injectors wins
    int injectors = top.integer("injectors", 1, 1, MAX_INJECTORS);
    if (injectors > settings.keys()) {
      top.problem("injectors", injectors + " injectors need at least as many keys (each writes its own), and "
          + "workload.keys is " + settings.keys());
    }
    if (!problems.isEmpty()) {
      throw new ExperimentException(problems.sorted());
    }
    return new Experiment(source, description, new RunPlan(name, null, settings, gates, faults, security), injectors);
  }

  /**
   * The optional {@code security} block: {@code auth} (none, password, acl), {@code tls}, and the
   * passwords as {@code env:NAME} or {@code file:PATH} (relative to this file) references; the
   * command line's {@code --auth} and {@code --tls} win. Problems never repeat a password field's value.
   */
  private TopologySecurity security(YamlFields top, Overrides overrides) {
    Node node = top.node("security");
    YamlFields fields = node == null ? null : YamlFields.of(problems, "security", node, SECURITY);
    AuthMode auth = AuthMode.NONE;
    boolean tls = false;
    Secret admin = null;
    Secret client = null;
    if (fields != null) {
      String authText = fields.text("auth");
      if (authText != null) {
        auth = AuthMode.parse(authText);
        if (auth == null) {
          fields.problem("auth", "expected none, password or acl");
          auth = AuthMode.NONE;
        }
      }
      String tlsText = fields.text("tls");
      if (tlsText != null) {
        if (tlsText.equals("true") || tlsText.equals("false")) {
          tls = Boolean.parseBoolean(tlsText);
        } else {
          fields.problem("tls", "expected true or false");
        }
      }
      admin = secret(fields, "adminPassword");
      client = secret(fields, "clientPassword");
    }
    auth = overrides.auth() != null ? overrides.auth() : auth;
    tls = overrides.tls() != null ? overrides.tls() : tls;
    if (auth == AuthMode.NONE && (admin != null || client != null)) {
      fields.secretProblem(admin != null ? "adminPassword" : "clientPassword",
          "is set but security.auth is none: set auth: password or acl, or drop the password");
    }
    if (auth == AuthMode.PASSWORD && admin != null && client != null && !admin.reveal().equals(client.reveal())) {
      fields.secretProblem("clientPassword", "differs from adminPassword, but auth: password has one password "
          + "for everyone: set one of them, or use auth: acl");
    }
    return TopologySecurity.of(auth, admin, client, tls);
  }

  private Secret secret(YamlFields fields, String name) {
    if (!fields.has(name)) {
      return null;
    }
    String reference = fields.text(name);
    if (reference == null) {
      return null; // a list or mapping: reported by text()
    }
    String where = "security." + name;
    try {
      Path base = source.toAbsolutePath().getParent();
      return SecretReference.resolve(reference, where, System.getenv(), base == null ? Path.of("") : base);
    } catch (SecretException e) {
      fields.secretProblem(name, e.getMessage().substring(where.length() + 2));
      return null;
    }
  }

  private void schema(YamlFields top) {
    String schema = top.text("schema");
    if (schema == null) {
      top.problem("schema", "is required: write \"schema: " + SCHEMA + "\" (the experiment schema this tracklab reads)");
    } else if (!schema.equals(String.valueOf(SCHEMA))) {
      top.problem("schema", "this tracklab reads experiment schema " + SCHEMA);
    }
  }

  private String name(YamlFields top) {
    String fallback = source.getFileName().toString().replaceFirst("\\.(yaml|yml)$", "");
    String name = top.text("name");
    if (name == null) {
      if (!NAME.matcher(fallback).matches()) {
        top.problem("name", "is required: the file name \"" + fallback + "\" cannot name a results directory");
      }
      return fallback;
    }
    if (!NAME.matcher(name).matches()) {
      top.problem("name", "must be letters, digits, '.', '_' or '-' (up to 64), starting with a letter or digit");
    }
    return name;
  }

  private TopologyKind topology(YamlFields top) {
    String text = top.text("topology");
    if (text == null) {
      return DEFAULT_TOPOLOGY;
    }
    for (TopologyKind kind : TopologyKind.values()) {
      if (kind.label().equals(text.toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    top.problem("topology", "unknown topology; expected standalone, sentinel or cluster");
    return DEFAULT_TOPOLOGY;
  }

  private String client(YamlFields top) {
    String client = top.text("client", DEFAULT_CLIENT).toLowerCase(Locale.ROOT);
    if (!CLIENTS.contains(client)) {
      top.problem("client", "unknown client; expected " + String.join(", ", CLIENTS));
      return DEFAULT_CLIENT;
    }
    return client;
  }

  private RunSettings workload(YamlFields top, TopologyKind topology, String client, Duration duration,
      Duration clientTtl, Duration maxEntryAge) {
    RunSettings d = DEFAULT_WORKLOAD;
    Node node = top.node("workload");
    YamlFields workload = node == null ? null : YamlFields.of(problems, "workload", node, WORKLOAD);
    if (workload == null) {
      return new RunSettings(topology, client, duration, d.users(), d.rate(), d.keys(), d.distribution(),
          d.readRatio(), d.valueSize(), clientTtl, maxEntryAge, d.mix());
    }
    KeyDistribution distribution = d.distribution();
    String distributionText = workload.text("distribution");
    if (distributionText != null) {
      try {
        distribution = KeyDistribution.parse(distributionText);
      } catch (IllegalArgumentException e) {
        workload.problem("distribution", "expected uniform, zipf:<exponent>, hotset:<fraction>[:<probability>] "
            + "or sequential");
      }
    }
    OperationMix mix = new OperationMix(
        workload.decimal("mgetRatio", d.mix().mgetRatio(), 0, 1),
        workload.integer("mgetSize", d.mix().mgetSize(), 2, 1000),
        workload.decimal("deleteRatio", d.mix().deleteRatio(), 0, 1),
        workload.decimal("expiringKeys", d.mix().expiringKeys(), 0, 1),
        keyTtl(workload, d.mix().keyTtl()));
    return new RunSettings(topology, client, duration,
        workload.integer("users", d.users(), 1, 10_000),
        workload.decimal("rate", d.rate(), 0, 10_000_000),
        workload.integer("keys", d.keys(), 1, 100_000_000),
        distribution,
        workload.decimal("readRatio", d.readRatio(), 0, 1),
        workload.integer("valueSize", d.valueSize(), 1, 64 * 1024 * 1024),
        clientTtl, maxEntryAge, mix);
  }

  /** A key's TTL: whole milliseconds (SET .. PX), and only with expiring keys to give it to. */
  private static Duration keyTtl(YamlFields workload, Duration fallback) {
    Duration ttl = workload.duration("keyTtl", fallback, true);
    if (workload.has("keyTtl") && ttl.toMillis() < 1) {
      workload.problem("keyTtl", "at least 1ms (SET .. PX takes milliseconds)");
      return fallback;
    }
    if (workload.has("keyTtl") && !workload.has("expiringKeys")) {
      workload.problem("keyTtl", "applies to expiring keys: give their share too (expiringKeys: 0.2 for a fifth)");
    }
    return ttl;
  }

  private FaultSchedule faults(YamlFields top, TopologyKind topology, Duration duration, Overrides overrides) {
    List<Node> items = top.list("faults");
    List<ScheduledFault> faults = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    for (int index = 0; index < items.size(); index++) {
      Node item = items.get(index);
      String field = "faults[" + index + "]";
      String line = faultLine(item);
      if (line == null) {
        problems.add(item, field, YamlFields.scalarText(item),
            "must be one line like \"at 10s for 20s: latency 50ms on primary\"");
        continue;
      }
      try {
        faults.add(FaultSchedule.parseLine(line));
        nodes.add(item);
      } catch (IllegalArgumentException e) {
        problems.add(item, field, line, e.getMessage());
      }
    }
    String end = "end of the run at " + DurationText.format(duration);
    List<String> nodeNames = overrides.nodeNames() != null ? overrides.nodeNames() : topology.nodeNames();
    for (ScheduleCheck.Problem problem : ScheduleCheck.check(faults, topology.label(), nodeNames, duration)) {
      Node item = nodes.get(problem.index());
      problems.add(item, "faults[" + items.indexOf(item) + "]", faults.get(problem.index()).text(),
          overrides.duration() == null ? problem.message() : problem.message().replace(end, end + " set by --duration"));
    }
    if (overrides.nodeNames() != null) {
      // an external topology: tracklab does not own its nodes, only faults through proxies are
      // possible, and failovers where the topology file allows faults on its nodes
      for (int index = 0; index < faults.size(); index++) {
        ScheduledFault fault = faults.get(index);
        Node item = nodes.get(index);
        if (fault.fault().throughProxy() || ExternalFaultPolicy.byCommand(fault) && overrides.externalNodeFaults()) {
          continue;
        }
        problems.add(item, "faults[" + items.indexOf(item) + "]", fault.text(), ExternalFaultPolicy.byCommand(fault)
            ? fault.fault().kind() + " acts on the nodes of the external topology, whose file does not say "
                + "allowNodeFaults: true"
            : fault.fault().kind() + " is not possible on an external topology: tracklab does not own "
                + "its nodes (only faults through their proxies are, and failovers where the file allows them)");
      }
    }
    return new FaultSchedule(faults);
  }

  /**
   * A fault as written: YAML reads {@code - at 5s for 10s: latency 50ms on primary} as a mapping
   * of one key ("at 5s for 10s") to the fault, so that form is put back together; a quoted line
   * is a plain string. Null for anything else.
   */
  private static String faultLine(Node item) {
    if (item instanceof ScalarNode scalar && !YamlFields.isNull(item)) {
      return scalar.getValue().trim();
    }
    if (item instanceof MappingNode mapping && mapping.getValue().size() == 1) {
      String when = YamlFields.scalarText(mapping.getValue().get(0).getKeyNode());
      String what = YamlFields.scalarText(mapping.getValue().get(0).getValueNode());
      if (when != null && what != null) {
        return when.trim() + ": " + what.trim();
      }
    }
    return null;
  }

  private GateSettings gates(YamlFields top, FaultSchedule faults) {
    GateSettings d = DEFAULT_GATES;
    Duration staleBound = d.staleBound().plus(faults.largestInjectedLatency());
    Node node = top.node("gates");
    if (node == null) {
      return d.withStaleBound(staleBound);
    }
    YamlFields gates = YamlFields.of(problems, "gates", node, GATES);
    return new GateSettings(
        gates.decimal("failedPercent", d.failedPercent(), 0, 100),
        gates.duration("remoteP99", d.remoteP99(), true),
        gates.duration("staleBound", staleBound, true),
        gates.duration("invalidationP99", d.invalidationP99(), true),
        gates.decimal("hitRatio", d.hitRatio(), 0, 1));
  }
}

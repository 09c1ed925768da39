package io.tracklab.topologies.external;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.tracklab.topologies.NodeRole;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.Credentials;
import io.tracklab.topologies.security.Secret;
import io.tracklab.topologies.security.SecretException;
import io.tracklab.topologies.security.SecretReference;
import io.tracklab.topologies.security.TlsFiles;
import io.tracklab.topologies.security.TopologySecurity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates an external topology file (YAML, schema 1; see
 * {@code docs/external-topology.md}). Every problem is reported at once, each naming the file,
 * the field (e.g. {@code nodes[2].address}) and the bad value.
 */
public final class ExternalTopologyFile {
  static final int SCHEMA = 1;
  private static final Set<String> TOP_FIELDS = Set.of("schema", "kind", "masterName", "allowFaults", "allowNodeFaults",
      "toxiproxy", "nodes", "security");
  private static final Set<String> SECURITY_FIELDS = Set.of("username", "password", "adminUsername", "adminPassword",
      "tls", "caCertificate", "clientCertificate", "clientKey");
  private static final Set<String> TOXIPROXY_FIELDS = Set.of("url");
  private static final Set<String> NODE_FIELDS = Set.of("name", "role", "proxy", "address", "admin");

  private final Path file;
  private final List<String> problems = new ArrayList<>();

  private ExternalTopologyFile(Path file) {
    this.file = file;
  }

  /**
   * @throws TopologyException when the file cannot be read or is invalid, listing every problem
   */
  public static ExternalTopologySpec load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new TopologyException("cannot read the external topology file " + file + ": " + e.getMessage(), e);
    }
    return new ExternalTopologyFile(file).parse(text);
  }

  private ExternalTopologySpec parse(String text) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new TopologyException(file + ": not valid YAML" + where + ": " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new TopologyException(file + ": expected a YAML mapping with schema, kind, toxiproxy and nodes");
    }
    unknownFields(root, TOP_FIELDS, "");

    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isInt() || schema.asInt() != SCHEMA) {
      problem("schema", "must be " + SCHEMA, schema);
    }
    TopologyKind kind = null;
    String kindText = text(root, "kind", "kind");
    if (kindText != null) {
      try {
        kind = TopologyKind.parse(kindText);
      } catch (TopologyException e) {
        problem("kind", "must be standalone, sentinel or cluster", root.get("kind"));
      }
    }
    Optional<String> masterName = Optional.ofNullable(root.get("masterName")).map(JsonNode::asText);
    boolean allowFaults = flag(root, "allowFaults", "allowFaults");
    boolean allowNodeFaults = flag(root, "allowNodeFaults", "allowNodeFaults");
    if (allowNodeFaults && !allowFaults) {
      problem("allowNodeFaults", "is true but allowFaults is not: faults on the nodes need both", root.get("allowNodeFaults"));
      allowNodeFaults = false;
    }
    HostPort toxiproxy = toxiproxy(root.get("toxiproxy"));
    List<ExternalTopologySpec.Node> nodes = nodes(root.get("nodes"));
    JsonNode securityNode = root.get("security");
    TopologySecurity security = securityNode == null ? TopologySecurity.NONE : security(securityNode);
    TlsFiles tls = security.tls() ? tlsFiles(securityNode) : null;
    if (securityNode != null && !security.tls()) {
      for (String field : List.of("caCertificate", "clientCertificate", "clientKey")) {
        if (securityNode.has(field)) {
          problem("security." + field, "only applies with tls: true", null);
        }
      }
    }
    if (kind != null && problems.isEmpty()) {
      checkShape(kind, masterName, nodes);
    }
    if (!problems.isEmpty()) {
      throw new TopologyException("invalid external topology file " + file + ":\n  - "
          + String.join("\n  - ", problems));
    }
    return new ExternalTopologySpec(file, kind, masterName, allowFaults, allowNodeFaults, toxiproxy, nodes,
        security, tls);
  }

  /**
   * The {@code security} block: the client's user and password (what the near-cache and the
   * workload log in as), the admin's (audits; default: the client's), TLS. Passwords are
   * env:/file: references; no problem ever repeats one.
   */
  private TopologySecurity security(JsonNode node) {
    if (!node.isObject()) {
      problem("security", "must be a mapping (username, password, adminUsername, adminPassword, tls, ...)", null);
      return TopologySecurity.NONE;
    }
    unknownFields(node, SECURITY_FIELDS, "security.");
    String username = optionalText(node, "username");
    String adminUsername = optionalText(node, "adminUsername");
    Secret password = secret(node, "password");
    Secret adminPassword = secret(node, "adminPassword");
    boolean tls = flag(node, "tls", "security.tls");
    if (password == null) {
      if (username != null || adminPassword != null) {
        problem("security.password", "is required with " + (username != null ? "username" : "adminPassword"), null);
      }
      return new TopologySecurity(AuthMode.NONE, null, null, tls);
    }
    if (adminUsername != null && adminPassword == null) {
      problem("security.adminPassword", "is required with adminUsername", null);
    }
    boolean acl = username != null || adminUsername != null;
    if (!acl && adminPassword != null && !adminPassword.reveal().equals(password.reveal())) {
      problem("security.adminPassword", "differs from password, but without usernames there is one user "
          + "(default): name the users, or drop adminPassword", null);
    }
    Credentials client = new Credentials(username, password);
    Credentials admin = adminPassword == null ? client
        : new Credentials(adminUsername != null ? adminUsername : username, adminPassword);
    return new TopologySecurity(acl ? AuthMode.ACL : AuthMode.PASSWORD, admin, client, tls);
  }

  /** An optional true/false field; false when absent, and a problem (false) when it is anything else. */
  private boolean flag(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      problem(path, "must be true or false", value);
      return false;
    }
    return value.asBoolean();
  }

  private String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual() || value.asText().isBlank()) {
      problem("security." + field, "must be text", value);
      return null;
    }
    return value.asText().trim();
  }

  private Secret secret(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String where = "security." + field;
    if (!value.isTextual()) {
      problem(where, "must be env:NAME or file:PATH", null);
      return null;
    }
    try {
      Path base = file.toAbsolutePath().getParent();
      return SecretReference.resolve(value.asText(), where, System.getenv(), base == null ? Path.of("") : base);
    } catch (SecretException e) {
      problems.add(e.getMessage()); // names the field, never the value
      return null;
    }
  }

  /** The TLS files, relative to this file; without any, the JVM's trust store and no client certificate. */
  private TlsFiles tlsFiles(JsonNode node) {
    Path ca = existingFile(node, "caCertificate");
    Path certificate = existingFile(node, "clientCertificate");
    Path key = existingFile(node, "clientKey");
    if ((certificate == null) != (key == null) && problems.isEmpty()) {
      problem(certificate == null ? "security.clientCertificate" : "security.clientKey",
          "is required with " + (certificate == null ? "clientKey" : "clientCertificate"), null);
      return new TlsFiles(ca, null, null);
    }
    return new TlsFiles(ca, certificate, key);
  }

  private Path existingFile(JsonNode node, String field) {
    String text = optionalText(node, field);
    if (text == null) {
      return null;
    }
    Path base = file.toAbsolutePath().getParent();
    Path path = base == null ? Path.of(text) : base.resolve(text);
    if (!Files.isReadable(path)) {
      problem("security." + field, "no readable file " + path, null);
      return null;
    }
    return path;
  }

  private HostPort toxiproxy(JsonNode node) {
    if (node == null || !node.isObject()) {
      problem("toxiproxy", "must be a mapping with url: http://host:port", node);
      return null;
    }
    unknownFields(node, TOXIPROXY_FIELDS, "toxiproxy.");
    String url = text(node, "url", "toxiproxy.url");
    if (url == null) {
      return null;
    }
    try {
      URI uri = URI.create(url);
      if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
        throw new IllegalArgumentException();
      }
      return new HostPort(uri.getHost(), uri.getPort());
    } catch (IllegalArgumentException e) {
      problem("toxiproxy.url", "must be http://host:port", node.get("url"));
      return null;
    }
  }

  private List<ExternalTopologySpec.Node> nodes(JsonNode list) {
    List<ExternalTopologySpec.Node> nodes = new ArrayList<>();
    if (list == null || !list.isArray() || list.isEmpty()) {
      problem("nodes", "must be a non-empty list", list);
      return nodes;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "nodes[" + i + "]";
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problem(at, "must be a mapping with name, role, proxy, address, admin", node);
        continue;
      }
      unknownFields(node, NODE_FIELDS, at + ".");
      String name = text(node, "name", at + ".name");
      if (name != null && !names.add(name)) {
        problem(at + ".name", "is used by another node", node.get("name"));
      }
      NodeRole role = null;
      String roleText = text(node, "role", at + ".role");
      if (roleText != null) {
        try {
          role = NodeRole.valueOf(roleText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          problem(at + ".role", "must be primary, replica or sentinel", node.get("role"));
        }
      }
      String proxy = text(node, "proxy", at + ".proxy");
      HostPort address = hostPort(node, "address", at);
      HostPort admin = hostPort(node, "admin", at);
      nodes.add(new ExternalTopologySpec.Node(name, role, proxy, address, admin));
    }
    return nodes;
  }

  private void checkShape(TopologyKind kind, Optional<String> masterName, List<ExternalTopologySpec.Node> nodes) {
    long primaries = nodes.stream().filter(node -> node.role() == NodeRole.PRIMARY).count();
    long sentinels = nodes.stream().filter(node -> node.role() == NodeRole.SENTINEL).count();
    switch (kind) {
      case STANDALONE -> {
        if (nodes.size() != 1 || primaries != 1) {
          problem("nodes", "a standalone topology has exactly one node, a primary", null);
        }
      }
      case SENTINEL -> {
        if (primaries != 1 || sentinels < 1) {
          problem("nodes", "a sentinel topology has one primary and at least one sentinel (has "
              + primaries + " primaries, " + sentinels + " sentinels)", null);
        }
        if (masterName.isEmpty() || masterName.get().isBlank()) {
          problem("masterName", "is required for a sentinel topology", null);
        }
      }
      case CLUSTER -> {
        if (primaries < 1 || sentinels > 0) {
          problem("nodes", "a cluster topology has primaries and replicas, no sentinels", null);
        }
      }
    }
    if (kind != TopologyKind.SENTINEL && masterName.isPresent()) {
      problem("masterName", "only applies to a sentinel topology", null);
    }
  }

  private HostPort hostPort(JsonNode node, String field, String at) {
    String text = text(node, field, at + "." + field);
    if (text == null) {
      return null;
    }
    HostPort parsed = HostPort.parse(text);
    if (parsed == null) {
      problem(at + "." + field, "must be host:port with a port from 1 to 65535", node.get(field));
    }
    return parsed;
  }

  private String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
      problem(path, "is required", null);
      return null;
    }
    if (!value.isValueNode() || value.isBoolean()) {
      problem(path, "must be text", value);
      return null;
    }
    return value.asText();
  }

  private void unknownFields(JsonNode node, Set<String> known, String prefix) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(prefix + name, "is not a known field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")", null);
      }
    }
  }

  private void problem(String field, String what, JsonNode value) {
    problems.add(field + ": " + what + (value == null ? "" : ", got " + value));
  }
}

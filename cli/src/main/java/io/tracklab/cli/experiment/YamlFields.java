package io.tracklab.cli.experiment;

import io.tracklab.harness.config.DurationText;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fields of one YAML mapping, read with their line numbers. Every accessor reports what is
 * wrong to the shared {@link Problems} and returns the fallback, so a whole file is checked in one
 * pass and every problem listed at once. Unknown and repeated fields are problems too: a typo must
 * not silently fall back to a default.
 */
final class YamlFields {
  private final Problems problems;
  private final String path;
  private final Node mapping;
  private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

  private YamlFields(Problems problems, String path, Node mapping) {
    this.problems = problems;
    this.path = path;
    this.mapping = mapping;
  }

  /** The mapping at {@code node}; a problem (and no fields) when it is not one. */
  static YamlFields of(Problems problems, String path, Node node, Set<String> known) {
    YamlFields fields = new YamlFields(problems, path, node);
    if (!(node instanceof MappingNode map)) {
      problems.add(node, path.isEmpty() ? "(file)" : path, scalarText(node),
          "must be a mapping of " + String.join(", ", known));
      return fields;
    }
    for (NodeTuple tuple : map.getValue()) {
      String key = scalarText(tuple.getKeyNode());
      String name = key == null ? "?" : key.isBlank() ? "\"" + key + "\"" : key; // an empty key must still show
      if (key == null || !known.contains(key)) {
        problems.add(tuple.getKeyNode(), fields.field(name), null,
            "unknown field; known fields here: " + String.join(", ", known));
      } else if (fields.fields.containsKey(key)) {
        problems.add(tuple.getKeyNode(), fields.field(name), null, "is given twice (also on line "
            + Problems.line(fields.fields.get(key).getKeyNode()) + ")");
      } else {
        fields.fields.put(key, tuple);
      }
    }
    return fields;
  }

  String field(String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  boolean has(String name) {
    NodeTuple tuple = fields.get(name);
    return tuple != null && !isNull(tuple.getValueNode());
  }

  /** The value node, or null when absent or written as null. */
  Node node(String name) {
    return has(name) ? fields.get(name).getValueNode() : null;
  }

  /** The line of the field (or of the mapping when it is absent), for problems found later. */
  int line(String name) {
    NodeTuple tuple = fields.get(name);
    return Problems.line(tuple != null ? tuple.getValueNode() : mapping);
  }

  /** Reports a problem with the field {@code name} as written. */
  void problem(String name, String message) {
    NodeTuple tuple = fields.get(name);
    if (tuple == null) {
      problems.add(mapping, field(name), null, message);
    } else {
      problems.add(tuple.getValueNode(), field(name), scalarText(tuple.getValueNode()), message);
    }
  }

  /** Reports a problem with a secret field without repeating its value (it may be the secret). */
  void secretProblem(String name, String message) {
    NodeTuple tuple = fields.get(name);
    problems.add(tuple == null ? mapping : tuple.getValueNode(), field(name), null, message);
  }

  /** A scalar as text; a problem when it is a list or mapping. Null when absent. */
  String text(String name) {
    Node node = node(name);
    if (node == null) {
      return null;
    }
    if (!(node instanceof ScalarNode scalar)) {
      problem(name, "must be a single value, not a list or mapping");
      return null;
    }
    return scalar.getValue().trim();
  }

  String text(String name, String fallback) {
    String text = text(name);
    return text == null ? fallback : text;
  }

  /** A duration like 30s; {@code positive}: zero is refused too. */
  Duration duration(String name, Duration fallback, boolean positive) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    if (text.startsWith("-")) {
      problem(name, "must not be negative; write a duration like 30s");
      return fallback;
    }
    var parsed = DurationText.tryParse(text);
    if (parsed.isEmpty()) {
      problem(name, "is not a duration; write it like 250ms, 1.5s, 2m, 1h");
      return fallback;
    }
    if (positive && parsed.get().isZero()) {
      problem(name, "must be longer than 0");
      return fallback;
    }
    return parsed.get();
  }

  int integer(String name, int fallback, int min, int max) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value < min || value > max) {
        problem(name, "must be a whole number from " + min + " to " + max);
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(name, "must be a whole number from " + min + " to " + max);
      return fallback;
    }
  }

  double decimal(String name, double fallback, double min, double max) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = new BigDecimal(text.replace("_", "")).doubleValue();
      if (!(value >= min && value <= max)) {
        problem(name, "must be a number from " + number(min) + " to " + number(max));
        return fallback;
      }
      return value;
    } catch (NumberFormatException e) {
      problem(name, "must be a number from " + number(min) + " to " + number(max));
      return fallback;
    }
  }

  /** The items of a list field (empty when absent); a problem when it is not a list. */
  List<Node> list(String name) {
    Node node = node(name);
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence)) {
      problem(name, "must be a list");
      return List.of();
    }
    return new ArrayList<>(sequence.getValue());
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value);
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
  }

  /** A scalar's text, null for lists and mappings. */
  static String scalarText(Node node) {
    return node instanceof ScalarNode scalar ? scalar.getValue() : null;
  }
}

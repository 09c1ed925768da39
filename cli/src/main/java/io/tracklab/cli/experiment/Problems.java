package io.tracklab.cli.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** The problems found in one file so far, in line order when reported. */
final class Problems {
  private final Path file;
  private final List<ExperimentProblem> found = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  void add(Node node, String field, String value, String message) {
    add(line(node), field, value, message);
  }

  void add(int line, String field, String value, String message) {
    found.add(new ExperimentProblem(file, line, field, value, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<ExperimentProblem> sorted() {
    return found.stream().sorted(Comparator.comparingInt(ExperimentProblem::line)).toList();
  }

  /** 1-based line where {@code node} starts (SnakeYAML counts from 0). */
  static int line(Node node) {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }
}

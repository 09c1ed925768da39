package io.tracklab.cli.experiment;

import java.nio.file.Path;

/**
 * One thing wrong with an experiment file, where it is and what it holds.
 *
 * @param line 1-based line in the file (0 when the whole file is the problem)
 * @param field the field's path, e.g. {@code workload.users} or {@code faults[2]}
 * @param value the bad value as written, or null when the field is missing
 */
public record ExperimentProblem(Path file, int line, String field, String value, String message) {
  @Override
  public String toString() {
    return file + (line > 0 ? ":" + line : "") + ": " + field + (value == null ? "" : " = " + quoted(value))
        + ": " + message;
  }

  private static String quoted(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}

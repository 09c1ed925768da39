package io.tracklab.harness.result;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code result.json}. */
public final class ResultFiles {
  public static final String FILE_NAME = "result.json";
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private ResultFiles() {}

  /** {@code base/<runId>/result.json}, e.g. under {@code target/tracklab}. */
  public static Path pathFor(Path base, String runId) {
    return base.resolve(runId).resolve(FILE_NAME);
  }

  /** Writes atomically (a reader never sees half a file). */
  public static void write(Path file, RunResult result) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      JSON.writeValue(partial.toFile(), result);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * @throws IllegalArgumentException naming the file when it is not a result of this schema
   */
  public static RunResult read(Path file) {
    JsonNode tree;
    try {
      tree = JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    JsonNode schema = tree == null ? null : tree.get("schema");
    if (schema == null || !schema.canConvertToInt() || schema.asInt() != RunResult.SCHEMA) {
      throw new IllegalArgumentException(file + ": schema must be " + RunResult.SCHEMA + ", got " + schema
          + " (written by another tracklab version?)");
    }
    try {
      return JSON.treeToValue(tree, RunResult.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
      throw new IllegalArgumentException(file + ": not a tracklab result: " + message, e);
    }
  }

  static ObjectMapper json() {
    return JSON;
  }
}

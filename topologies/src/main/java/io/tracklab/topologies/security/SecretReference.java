package io.tracklab.topologies.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret comes from: {@code env:NAME} (an environment variable) or {@code file:PATH} (a
 * file's content, one trailing newline dropped). A literal password is refused, so that none
 * ever sits in an experiment file, a topology file or a command line; the refusal never repeats
 * what was written, which may be the password itself.
 */
public final class SecretReference {
  public static final String ENV = "env:";
  public static final String FILE = "file:";

  private SecretReference() {}

  /**
   * Resolves {@code reference}.
   *
   * @param where what to name in an error: the file and field, or the property
   * @throws SecretException naming {@code where} and what is wrong
   */
  public static Secret resolve(String reference, String where) {
    return resolve(reference, where, System.getenv(), Path.of(""));
  }

  /** {@link #resolve}, with relative {@code file:} paths taken from {@code baseDirectory}. */
  public static Secret resolve(String reference, String where, Map<String, String> environment,
      Path baseDirectory) {
    if (reference == null || reference.isBlank()) {
      throw new SecretException(where + ": is empty; write env:VARIABLE or file:PATH");
    }
    String trimmed = reference.trim();
    if (trimmed.startsWith(ENV)) {
      String name = trimmed.substring(ENV.length());
      if (name.isEmpty()) {
        throw new SecretException(where + ": env: names no environment variable; write env:VARIABLE");
      }
      String value = environment.get(name);
      if (value == null || value.isEmpty()) {
        throw new SecretException(where + ": environment variable " + name + " is "
            + (value == null ? "not set" : "empty"));
      }
      return Secret.of(value);
    }
    if (trimmed.startsWith(FILE)) {
      String name = trimmed.substring(FILE.length());
      if (name.isEmpty()) {
        throw new SecretException(where + ": file: names no file; write file:PATH");
      }
      Path path = baseDirectory.resolve(name);
      String value;
      try {
        value = Files.readString(path, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SecretException(where + ": cannot read " + path + ": "
            + (Files.exists(path) ? e.getClass().getSimpleName() : "no such file"));
      }
      value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2)
          : value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
      if (value.isEmpty()) {
        throw new SecretException(where + ": " + path + " is empty");
      }
      if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
        throw new SecretException(where + ": " + path + " holds more than one line; a password is one line");
      }
      return Secret.of(value);
    }
    throw new SecretException(where + ": is not a secret reference (its value is not repeated here): "
        + "write env:VARIABLE or file:PATH; a password written in the file itself is refused");
  }
}

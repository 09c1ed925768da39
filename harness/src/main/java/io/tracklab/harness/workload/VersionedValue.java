package io.tracklab.harness.workload;

import java.nio.charset.StandardCharsets;

/**
 * A value as the harness writes it: which key it was written to, the key's version (only grows)
 * and the writer, padded to the workload's value size. Text, so {@code redis-cli GET} shows it:
 * {@code <key>|<version>|<writer>|....}. Carrying the key lets the checker see a value that
 * landed under another key (corruption), not only an old one.
 */
public record VersionedValue(String key, long version, int writer) {
  private static final char SEPARATOR = '|';
  private static final char PAD = '.';

  public VersionedValue {
    if (key.indexOf(SEPARATOR) >= 0) {
      throw new IllegalArgumentException("key must not contain '|', got " + key);
    }
    if (version < 0 || writer < 0) {
      throw new IllegalArgumentException("version and writer must not be negative, got " + version + ", " + writer);
    }
  }

  /** The smallest value size that holds any version and writer for {@code longestKey}. */
  public static int minimumSize(String longestKey) {
    return longestKey.getBytes(StandardCharsets.UTF_8).length + 3 + String.valueOf(Long.MAX_VALUE).length()
        + String.valueOf(Integer.MAX_VALUE).length();
  }

  /** The text form, padded with '.' to {@code size} bytes. */
  public String encode(int size) {
    StringBuilder text = new StringBuilder(size).append(key).append(SEPARATOR).append(version)
        .append(SEPARATOR).append(writer).append(SEPARATOR);
    if (text.length() > size) {
      throw new IllegalArgumentException("value size " + size + " cannot hold " + text);
    }
    while (text.length() < size) {
      text.append(PAD);
    }
    return text.toString();
  }

  /**
   * Reads a value written by {@link #encode}.
   *
   * @throws IllegalArgumentException when it is not one (the checker counts it as corrupt)
   */
  public static VersionedValue decode(String text) {
    if (text == null) {
      throw new IllegalArgumentException("no value");
    }
    int first = text.indexOf(SEPARATOR);
    int second = first < 0 ? -1 : text.indexOf(SEPARATOR, first + 1);
    int third = second < 0 ? -1 : text.indexOf(SEPARATOR, second + 1);
    if (third < 0) {
      throw new IllegalArgumentException("not a versioned value: " + abbreviate(text));
    }
    for (int i = third + 1; i < text.length(); i++) {
      if (text.charAt(i) != PAD) {
        throw new IllegalArgumentException("not a versioned value (bad padding): " + abbreviate(text));
      }
    }
    try {
      return new VersionedValue(text.substring(0, first), Long.parseLong(text.substring(first + 1, second)),
          Integer.parseInt(text.substring(second + 1, third)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a versioned value (bad number): " + abbreviate(text));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}

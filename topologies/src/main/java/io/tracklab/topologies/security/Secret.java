package io.tracklab.topologies.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A password that never prints: {@link #toString()} is {@code ***}, and {@link #mask} replaces
 * every secret this JVM has seen with {@code ***} in any text about to be written (a log line, an
 * exception message, a report). Only {@link #reveal()} hands out the value, for the places that
 * must send it: an AUTH, a node's configuration file.
 */
public final class Secret {
  public static final String MASK = "***";
  /** Values shorter than this are not masked in free text: "a" would mask every "a". */
  private static final int MASKABLE_LENGTH = 4;
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private Secret(String value) {
    this.value = value;
    if (value.length() >= MASKABLE_LENGTH) {
      KNOWN.add(value);
    }
  }

  /** A secret read from somewhere safe ({@link SecretReference}); never from a literal in a file. */
  static Secret of(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("a secret cannot be empty");
    }
    return new Secret(value);
  }

  /** 32 random hex characters: the password of a topology this run starts and nobody else knows. */
  public static Secret random() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return new Secret(HexFormat.of().formatHex(bytes));
  }

  public String reveal() {
    return value;
  }

  public char[] chars() {
    return value.toCharArray();
  }

  /** {@code text} with every secret this JVM knows replaced by {@code ***}; null stays null. */
  public static String mask(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return text;
    }
    String masked = text;
    for (String known : KNOWN) {
      if (masked.contains(known)) {
        masked = masked.replace(known, MASK);
      }
    }
    return masked;
  }

  @Override
  public String toString() {
    return MASK;
  }
}

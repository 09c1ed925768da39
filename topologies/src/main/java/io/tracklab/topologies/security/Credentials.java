package io.tracklab.topologies.security;

/**
 * A user and its password; {@code username} is null for the default user ({@code requirepass}).
 * Prints the user, never the password.
 */
public record Credentials(String username, Secret password) {
  public Credentials {
    if (password == null) {
      throw new IllegalArgumentException("credentials need a password");
    }
  }

  /** The user as Redis names it: {@code default} when none is given. */
  public String user() {
    return username == null ? "default" : username;
  }

  @Override
  public String toString() {
    return "user " + user() + " (password " + Secret.MASK + ")";
  }
}

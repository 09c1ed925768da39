package io.tracklab.simulations.settings;

import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.Secret;
import io.tracklab.topologies.security.SecretException;
import io.tracklab.topologies.security.SecretReference;
import io.tracklab.topologies.security.TopologySecurity;
import java.util.Locale;
import java.util.Properties;

/**
 * How a simulation's topology is secured, from system properties: {@value #AUTH} (none, password
 * or acl), {@value #TLS} (true or false), and the passwords {@value #ADMIN_PASSWORD} and
 * {@value #CLIENT_PASSWORD} as {@code env:NAME} or {@code file:PATH} references (a literal is
 * refused; absent, a topology tracklab starts gets random ones). Bad values fail at once naming
 * the property, and never repeat a password.
 */
public final class SecuritySettings {
  public static final String AUTH = "tracklab.auth";
  public static final String TLS = "tracklab.tls";
  public static final String ADMIN_PASSWORD = "tracklab.auth.adminPassword";
  public static final String CLIENT_PASSWORD = "tracklab.auth.clientPassword";

  private SecuritySettings() {}

  /** The security the properties ask for; {@link TopologySecurity#NONE} when they ask for none. */
  public static TopologySecurity from(Properties properties) {
    String authText = properties.getProperty(AUTH, "none");
    AuthMode auth = AuthMode.parse(authText);
    if (auth == null) {
      throw new IllegalArgumentException("-D" + AUTH + "=" + authText + ": expected none, password or acl");
    }
    boolean tls = flag(properties, TLS);
    Secret admin = secret(properties, ADMIN_PASSWORD);
    Secret client = secret(properties, CLIENT_PASSWORD);
    if (auth == AuthMode.NONE && (admin != null || client != null)) {
      throw new IllegalArgumentException("-D" + (admin != null ? ADMIN_PASSWORD : CLIENT_PASSWORD)
          + " is set but -D" + AUTH + " is none: set -D" + AUTH + "=password or acl, or drop the password");
    }
    if (auth == AuthMode.PASSWORD && admin != null && client != null && !admin.reveal().equals(client.reveal())) {
      throw new IllegalArgumentException("-D" + AUTH + "=password has one password for everyone, but -D"
          + ADMIN_PASSWORD + " and -D" + CLIENT_PASSWORD + " differ: set one of them, or use acl");
    }
    return TopologySecurity.of(auth, admin, client, tls);
  }

  static boolean flag(Properties properties, String name) {
    String text = properties.getProperty(name, "false").trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true", "" -> true; // -Dtracklab.tls alone
      case "false" -> false;
      default -> throw new IllegalArgumentException("-D" + name + "=" + text + ": expected true or false");
    };
  }

  private static Secret secret(Properties properties, String name) {
    String reference = properties.getProperty(name);
    if (reference == null) {
      return null;
    }
    try {
      return SecretReference.resolve(reference, "-D" + name);
    } catch (SecretException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}

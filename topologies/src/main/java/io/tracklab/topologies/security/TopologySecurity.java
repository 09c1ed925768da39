package io.tracklab.topologies.security;

import io.lettuce.core.RedisURI;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * How a topology is secured: its authentication ({@link AuthMode}), the credentials of the
 * harness's admin (audits, fault operations, replication, Sentinel) and of the client under test
 * (the near-cache and the workload), and whether every connection is TLS.
 *
 * <p>With {@link AuthMode#PASSWORD} both credentials are the default user's one password; with
 * {@link AuthMode#ACL} they are two users, {@value #ADMIN_USER} and {@value #CLIENT_USER}, the
 * latter with {@link AclRules#NEAR_CACHE} only.
 */
public record TopologySecurity(AuthMode auth, Credentials admin, Credentials client, boolean tls) {
  public static final String ADMIN_USER = "tracklab-admin";
  public static final String CLIENT_USER = "tracklab-client";
  public static final TopologySecurity NONE = new TopologySecurity(AuthMode.NONE, null, null, false);

  public TopologySecurity {
    Objects.requireNonNull(auth, "auth");
    if (auth == AuthMode.NONE && (admin != null || client != null)) {
      throw new IllegalArgumentException("credentials without authentication");
    }
    if (auth != AuthMode.NONE && (admin == null || client == null)) {
      throw new IllegalArgumentException(auth.label() + " authentication needs admin and client credentials");
    }
  }

  /**
   * Security with the given passwords; a null password is generated at random (a topology this
   * run starts: nobody needs to know it).
   */
  public static TopologySecurity of(AuthMode auth, Secret adminPassword, Secret clientPassword, boolean tls) {
    return switch (auth) {
      case NONE -> new TopologySecurity(AuthMode.NONE, null, null, tls);
      case PASSWORD -> {
        Secret password = adminPassword != null ? adminPassword
            : clientPassword != null ? clientPassword : Secret.random();
        yield new TopologySecurity(auth, new Credentials(null, password), new Credentials(null, password), tls);
      }
      case ACL -> new TopologySecurity(auth,
          new Credentials(ADMIN_USER, adminPassword != null ? adminPassword : Secret.random()),
          new Credentials(CLIENT_USER, clientPassword != null ? clientPassword : Secret.random()), tls);
    };
  }

  /** Random passwords for a topology this run starts. */
  public static TopologySecurity generated(AuthMode auth, boolean tls) {
    return of(auth, null, null, tls);
  }

  public boolean authenticated() {
    return auth != AuthMode.NONE;
  }

  /** Anything to set up at all. */
  public boolean secured() {
    return authenticated() || tls;
  }

  /** The same TLS, without authentication. */
  public TopologySecurity tlsOnly() {
    return new TopologySecurity(AuthMode.NONE, null, null, tls);
  }

  /** {@code redis://} (or {@code rediss://}) to {@code host:port} as the client user. */
  public RedisURI clientUri(String host, int port) {
    return uri(host, port, client);
  }

  /** {@code redis://} (or {@code rediss://}) to {@code host:port} as the admin. */
  public RedisURI adminUri(String host, int port) {
    return uri(host, port, admin);
  }

  private RedisURI uri(String host, int port, Credentials user) {
    RedisURI.Builder builder = RedisURI.Builder.redis(host, port).withSsl(tls);
    if (user != null) {
      builder = user.username() == null ? builder.withPassword(user.password().chars())
          : builder.withAuthentication(user.username(), user.password().chars());
    }
    return builder.build();
  }

  /**
   * A Sentinel URI for clients: each Sentinel as a URI of its own (its credentials and TLS), the
   * client user's credentials at the top level, for the data nodes.
   */
  public RedisURI sentinelClientUri(String masterName, List<InetSocketAddress> sentinels) {
    return sentinelClientUri(masterName, sentinels, this);
  }

  /** {@link #sentinelClientUri(String, List)} with the Sentinels reached as {@code sentinelSecurity} says. */
  public RedisURI sentinelClientUri(String masterName, List<InetSocketAddress> sentinels, TopologySecurity sentinelSecurity) {
    RedisURI.Builder builder = RedisURI.builder().withSentinelMasterId(masterName).withSsl(tls);
    for (InetSocketAddress sentinel : sentinels) {
      builder.withSentinel(sentinelSecurity.clientUri(sentinel.getHostString(), sentinel.getPort()));
    }
    if (authenticated()) {
      builder = client.username() == null ? builder.withPassword(client.password().chars())
          : builder.withAuthentication(client.username(), client.password().chars());
    }
    return builder.build();
  }

  /** {@code none}, {@code password}, {@code acl}, each with {@code +tls} when it applies. */
  public String label() {
    return auth.label() + (tls ? "+tls" : "");
  }

  @Override
  public String toString() {
    return label() + (authenticated() ? " (admin " + admin + ", client " + client + ")" : "");
  }
}

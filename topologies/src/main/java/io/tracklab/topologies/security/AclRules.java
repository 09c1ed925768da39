package io.tracklab.topologies.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The ACL rules of tracklab's users. The client user gets only what the near-cache, the workload
 * and Lettuce's connection handshake send, found by running every topology with them and reading
 * {@code ACL LOG}: take one away and the near-cache fails at start naming it.
 *
 * <p>Passwords go into configuration files as SHA-256 hashes ({@code #<hex>}), never as text.
 */
public final class AclRules {
  /**
   * Data nodes: connect, read (with the key's remaining TTL: tracklab's near-cache reads PTTL with
   * every miss), write and delete strings, track, discover the cluster and follow its ASK redirections; SUBSCRIBE only for clients tracking over RESP2 (Redisson), which get their
   * invalidations on a channel.
   */
  public static final List<String> NEAR_CACHE = List.of(
      "+subscribe", "+unsubscribe",
      "+hello", "+auth", "+ping", "+client|setname", "+client|id", "+client|info",
      "+client|tracking", "+client|caching", "+get", "+pttl", "+set", "+mget", "+del", "+asking",
      "+cluster|slots", "+cluster|shards", "+cluster|nodes", "+cluster|myid", "+readonly", "+readwrite",
      "+info", "+command");
  /** Sentinels: find the primary and follow failovers. */
  public static final List<String> NEAR_CACHE_ON_SENTINEL = List.of(
      "+hello", "+auth", "+ping", "+client|setname", "+client|id",
      "+sentinel|get-master-addr-by-name", "+sentinel|master", "+sentinel|replicas", "+sentinel|sentinels",
      "+subscribe", "+psubscribe", "+unsubscribe", "+punsubscribe", "+info", "+command");

  private AclRules() {}

  /** {@code user <name> on #<sha256> ~* &* +@all}: the admin. */
  public static String adminUser(Credentials admin) {
    return "user " + admin.user() + " on " + hashed(admin.password()) + " ~* &* +@all";
  }

  /** The invalidation channel of RESP2 tracking: the only channel the client user may use. */
  public static final String INVALIDATION_CHANNEL = "__redis__:invalidate";

  /** The client user with {@code commands} and nothing else, on every key and {@code channels}. */
  public static String clientUser(Credentials client, List<String> commands, String channels) {
    return "user " + client.user() + " on " + hashed(client.password()) + " ~* " + channels + " -@all "
        + String.join(" ", commands);
  }

  /** The default user with the one password of {@link AuthMode#PASSWORD}: what requirepass does. */
  public static String defaultUserWithPassword(Credentials credentials) {
    return "user default on " + hashed(credentials.password()) + " ~* &* +@all";
  }

  /** {@code #<sha256 hex>}: how Redis takes a password it should not see in the clear. */
  static String hashed(Secret password) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.reveal().getBytes(StandardCharsets.UTF_8));
      return "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}

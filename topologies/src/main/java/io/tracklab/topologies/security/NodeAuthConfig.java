package io.tracklab.topologies.security;

import java.util.ArrayList;
import java.util.List;

/**
 * The authentication lines of a node's configuration file. User passwords are written as SHA-256
 * hashes; the only clear-text secrets are those Redis must send itself ({@code masterauth} for
 * replication, Sentinel's {@code auth-pass} and {@code sentinel-pass}), written only where a node
 * needs them (a standalone primary has none).
 */
public final class NodeAuthConfig {
  private NodeAuthConfig() {}

  /**
   * A data node's lines.
   *
   * @param replicated the node may replicate from another (Sentinel and Cluster nodes: any of
   *     them can become a replica after a failover), so it needs {@code masterauth}
   */
  public static List<String> dataNode(TopologySecurity security, boolean replicated) {
    List<String> lines = new ArrayList<>(users(security, AclRules.NEAR_CACHE, "&" + AclRules.INVALIDATION_CHANNEL));
    if (replicated && security.authenticated()) {
      lines.addAll(asReplica(security.admin()));
    }
    return lines;
  }

  /**
   * A Sentinel's lines; they follow its {@code sentinel monitor} line, which they refer to.
   * Sentinels authenticate to the data nodes and to each other as the admin.
   */
  public static List<String> sentinel(TopologySecurity security, String masterName) {
    // Sentinel announces failovers on channels (+switch-master and others): any channel there
    List<String> lines = new ArrayList<>(users(security, AclRules.NEAR_CACHE_ON_SENTINEL, "&*"));
    if (security.authenticated()) {
      Credentials admin = security.admin();
      if (admin.username() != null) {
        lines.add("sentinel auth-user " + masterName + " " + admin.username());
        lines.add("sentinel sentinel-user " + admin.username());
      }
      lines.add("sentinel auth-pass " + masterName + " " + quoted(admin.password()));
      lines.add("sentinel sentinel-pass " + quoted(admin.password()));
    }
    return lines;
  }

  private static List<String> users(TopologySecurity security, List<String> clientCommands, String channels) {
    return switch (security.auth()) {
      case NONE -> List.of();
      case PASSWORD -> List.of(AclRules.defaultUserWithPassword(security.admin()));
      case ACL -> List.of("user default off", AclRules.adminUser(security.admin()),
          AclRules.clientUser(security.client(), clientCommands, channels));
    };
  }

  private static List<String> asReplica(Credentials admin) {
    List<String> lines = new ArrayList<>();
    if (admin.username() != null) {
      lines.add("masteruser " + admin.username());
    }
    lines.add("masterauth " + quoted(admin.password()));
    return lines;
  }

  /**
   * The password as a double-quoted configuration argument: a user's password may hold spaces,
   * quotes or backslashes, and a line Redis cannot parse is echoed in its error.
   */
  static String quoted(Secret password) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : password.reveal().toCharArray()) {
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\x%02x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}

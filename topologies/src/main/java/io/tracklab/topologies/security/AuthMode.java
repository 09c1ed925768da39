package io.tracklab.topologies.security;

import java.util.Locale;

/** How a topology's nodes authenticate clients. */
public enum AuthMode {
  /** No authentication (the default user, no password). */
  NONE,
  /** One password ({@code requirepass}: the default user's password) for every client. */
  PASSWORD,
  /**
   * ACL users: an admin for the harness's audits and fault operations, and a least-privilege
   * user for the near-cache and the workload ({@link AclRules}); the default user is off.
   */
  ACL;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** none, password or acl; null when {@code text} is none of them. */
  public static AuthMode parse(String text) {
    for (AuthMode mode : values()) {
      if (mode.label().equals(text == null ? null : text.trim().toLowerCase(Locale.ROOT))) {
        return mode;
      }
    }
    return null;
  }
}

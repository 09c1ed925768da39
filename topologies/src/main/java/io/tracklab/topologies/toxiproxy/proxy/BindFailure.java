package io.tracklab.topologies.toxiproxy.proxy;

import java.net.BindException;

/** Short reasons for failed binds, the same whichever transport (NIO or native epoll) failed. */
public final class BindFailure {
  private BindFailure() {}

  /** "bind: address already in use", "bind: cannot assign requested address", or the cause. */
  public static String reason(Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("address already in use")) {
      return "bind: address already in use";
    }
    if (lower.contains("cannot assign requested address")) {
      return "bind: cannot assign requested address";
    }
    if (cause instanceof BindException) {
      return "bind: " + message;
    }
    return message;
  }

  /** What to do about it, for people; empty when there is nothing useful to say. */
  public static String hint(Throwable cause) {
    String reason = reason(cause);
    if (reason.endsWith("address already in use")) {
      return " (choose another port, or stop what is listening there)";
    }
    if (reason.endsWith("cannot assign requested address")) {
      return " (that address is not one of this machine's)";
    }
    return "";
  }
}

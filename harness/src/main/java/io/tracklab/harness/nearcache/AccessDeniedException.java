package io.tracklab.harness.nearcache;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisCredentialsProvider;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Redis refused who the near-cache is ({@code WRONGPASS}, {@code NOAUTH}) or a command it needs
 * ({@code NOPERM}). Unlike a network fault this does not get better by trying again, so the cache
 * fails at start with this instead of reconnecting in a loop, and the message names the node,
 * the user and, for a missing permission, the command and the grant that would allow it.
 */
public final class AccessDeniedException extends NearCacheException {
  private static final long serialVersionUID = 1L;
  private static final Duration USER_LOOKUP = Duration.ofMillis(200);
  private static final Pattern COMMAND = Pattern.compile("'([^']+)' command");

  private final String command;

  private AccessDeniedException(String message, String command, Throwable cause) {
    super(message, cause);
    this.command = command;
  }

  /** The command refused by {@code NOPERM} in Redis's spelling ({@code client|tracking}); null otherwise. */
  public String command() {
    return command;
  }

  /** The denial in {@code failure}'s causes, if it is one, described for {@code uri}. */
  public static Optional<AccessDeniedException> in(Throwable failure, RedisURI uri) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AccessDeniedException denied) {
        return Optional.of(denied);
      }
      String reply = cause.getMessage();
      if (reply == null) {
        continue;
      }
      if (!reply.startsWith("WRONGPASS") && !reply.startsWith("NOAUTH") && !reply.startsWith("NOPERM")) {
        continue; // most failures (every refused reconnect) end here, without resolving credentials
      }
      String node = uri.getHost() != null ? uri.getHost() + ":" + uri.getPort()
          : "the primary the Sentinels name for " + uri.getSentinelMasterId();
      String user = user(uri);
      if (reply.startsWith("WRONGPASS")) {
        return Optional.of(new AccessDeniedException(node + " refused the near-cache's login as user '" + user
            + "' (" + reply + "): the password is wrong or the user is off; a refused login is not retried",
            null, failure));
      }
      if (reply.startsWith("NOAUTH")) {
        return Optional.of(new AccessDeniedException(node + " wants a password and the near-cache gave none ("
            + reply + "): configure the client's credentials", null, failure));
      }
      if (reply.startsWith("NOPERM")) {
        Matcher matcher = COMMAND.matcher(reply);
        String command = matcher.find() ? matcher.group(1) : null;
        String named = command == null ? "a command it needs"
            : command.replace('|', ' ').toUpperCase(Locale.ROOT);
        return Optional.of(new AccessDeniedException("user '" + user + "' may not run " + named + " on " + node
            + " (" + reply + "): the near-cache needs it"
            + (command == null ? "" : "; grant it with ACL SETUSER " + user + " +" + command), command, failure));
      }
    }
    return Optional.empty();
  }

  /** The user of the static credentials the URI was built with; {@code default} without one. */
  private static String user(RedisURI uri) {
    RedisCredentialsProvider provider = uri.getCredentialsProvider();
    try {
      // static credentials (what URIs are built with) resolve at once; others get a moment
      RedisCredentials credentials = provider == null ? null : provider.resolveCredentials().block(USER_LOOKUP);
      if (credentials != null && credentials.hasUsername()) {
        return credentials.getUsername();
      }
      return "default";
    } catch (RuntimeException e) {
      return "(unknown user)";
    }
  }
}

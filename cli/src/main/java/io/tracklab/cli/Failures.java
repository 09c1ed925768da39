package io.tracklab.cli;

import io.tracklab.harness.nearcache.AccessDeniedException;
import io.tracklab.topologies.security.Secret;

/**
 * One line for a person from an exception chain: the deepest message that says something, or a
 * refused login or permission as tracklab describes it (what Redis said is quoted in it). Every
 * line passes {@link Secret#mask}: a password that reached a message (a node's configuration
 * error quotes its line) is printed as {@code ***}.
 */
final class Failures {
  private Failures() {}

  static String describe(Throwable error) {
    Throwable useful = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        useful = cause;
      }
      if (cause instanceof AccessDeniedException || cause.getCause() == cause) {
        break;
      }
    }
    String message = useful.getMessage();
    return Secret.mask(message == null || message.isBlank() ? useful.getClass().getSimpleName() : message);
  }
}

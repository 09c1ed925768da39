package io.tracklab.reports.cli;

/** One line for a person from an exception chain: the deepest message that says something. */
final class Failures {
  private Failures() {}

  static String describe(Throwable error) {
    Throwable useful = error;
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        useful = cause;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    String message = useful.getMessage();
    return message == null || message.isBlank() ? useful.getClass().getSimpleName() : message;
  }
}

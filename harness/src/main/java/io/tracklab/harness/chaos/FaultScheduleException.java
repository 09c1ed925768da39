package io.tracklab.harness.chaos;

/** A fault schedule that cannot be run; the message names the source, the line and what is wrong with it. */
public final class FaultScheduleException extends IllegalArgumentException {
  public FaultScheduleException(String message) {
    super(message);
  }
}

package io.tracklab.cli;

/** What {@code tracklab} exits with; listed in {@code tracklab --help}, the README and docs/experiments.md. */
public final class ExitCodes {
  /** Every experiment ran and every gate passed (or every file is valid). */
  public static final int PASSED = 0;
  /** An experiment ran and at least one of its gates failed. */
  public static final int GATE_FAILED = 1;
  /** Bad input: an invalid experiment file, an unknown option or value. Nothing ran. */
  public static final int BAD_INPUT = 2;
  /** The experiment could not run: a topology did not start, a server is missing, Gatling failed. */
  public static final int INFRASTRUCTURE = 3;
  /** Stopped by Ctrl-C (SIGINT), after healing faults and writing a partial result: 128 + 2. */
  public static final int INTERRUPTED = 130;
  /** Stopped by SIGTERM, the same way: 128 + 15. */
  public static final int TERMINATED = 143;

  private ExitCodes() {}
}

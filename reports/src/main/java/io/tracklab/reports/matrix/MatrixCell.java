package io.tracklab.reports.matrix;

import io.tracklab.harness.result.RunResult;
import java.util.Objects;

/**
 * One cell of a comparison matrix: one experiment (a fault on a topology) run with one client.
 *
 * @param result what the run measured; null when it failed before writing one
 * @param detail why it is unsupported or failed, or which gates failed; empty otherwise
 * @param summaryLink its summary page, relative to where the table is written; null when none
 */
public record MatrixCell(String experiment, String client, Status status, RunResult result, String detail,
    String summaryLink) {

  /** How the cell's run ended. */
  public enum Status {
    /** It ran to its end; its gates passed. */
    PASSED,
    /** It ran to its end; some gate failed (for a peer client, often the point of the row). */
    GATES_FAILED,
    /** The client cannot run the topology; nothing ran. */
    UNSUPPORTED,
    /** The run broke (the topology did not start, the client crashed) or was interrupted. */
    FAILED
  }

  public MatrixCell {
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(status, "status");
    detail = detail == null ? "" : detail;
    if ((status == Status.PASSED || status == Status.GATES_FAILED) && result == null) {
      throw new IllegalArgumentException(status + " needs a result");
    }
  }

  /** Whether the cell has measurements to show. */
  public boolean measured() {
    return status == Status.PASSED || status == Status.GATES_FAILED;
  }
}

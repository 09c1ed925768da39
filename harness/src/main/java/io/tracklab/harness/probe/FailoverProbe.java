package io.tracklab.harness.probe;

import java.util.Objects;

/**
 * Times one failover (DESIGN.md section 4): from the fault's injection {@code tf} to the topology
 * event that noticed it (detection) and to the first write acknowledged by a node other than the
 * primary before the fault (failover); and the longest gap between successful writes around it
 * (write outage). Writers report every acknowledged write, with the node that acknowledged it
 * when they know it.
 */
public final class FailoverProbe {
  private static final long NONE = Long.MIN_VALUE;

  private final String primaryBefore;
  private final long faultNanos;
  private long detectedNanos = NONE;
  private long failedOverNanos = NONE;
  private long lastAckNanos = NONE;
  private long longestGapNanos;
  private long longestGapEndNanos = NONE;

  /**
   * @param primaryBefore the node that was primary when the fault was injected (null: unknown,
   *     then the first acknowledgement after the fault counts)
   */
  public FailoverProbe(long faultNanos, String primaryBefore) {
    this.faultNanos = faultNanos;
    this.primaryBefore = primaryBefore;
  }

  /** Every write acknowledged, before and after the fault, in any order of threads. */
  public synchronized void writeAcked(long ackNanos, String node) {
    if (lastAckNanos != NONE && ackNanos - lastAckNanos > longestGapNanos) {
      longestGapNanos = ackNanos - lastAckNanos;
      longestGapEndNanos = ackNanos;
    }
    if (lastAckNanos == NONE || ackNanos - lastAckNanos > 0) {
      lastAckNanos = ackNanos;
    }
    if (failedOverNanos == NONE && ackNanos - faultNanos > 0
        && (primaryBefore == null || node == null || !Objects.equals(node, primaryBefore))) {
      failedOverNanos = ackNanos;
    }
  }

  /** A topology event (new epoch, +switch-master, slots moved) seen at {@code nanos}. */
  public synchronized void topologyEvent(long nanos) {
    if (detectedNanos == NONE && nanos - faultNanos >= 0) {
      detectedNanos = nanos;
    }
  }

  /** What was measured; absent figures are -1. */
  public synchronized Failover result() {
    return new Failover(
        failedOverNanos == NONE ? -1 : failedOverNanos - faultNanos,
        detectedNanos == NONE ? -1 : detectedNanos - faultNanos,
        longestGapEndNanos == NONE ? -1 : longestGapNanos,
        longestGapEndNanos == NONE ? -1 : longestGapEndNanos - faultNanos);
  }

  /**
   * @param failoverNanos fault to the first write acknowledged by another node (-1: none yet)
   * @param detectionNanos fault to the first topology event (-1: none)
   * @param longestWriteOutageNanos the longest time without an acknowledged write (-1: fewer
   *     than two writes)
   * @param outageEndedNanos when that outage ended, relative to the fault
   */
  public record Failover(long failoverNanos, long detectionNanos, long longestWriteOutageNanos,
      long outageEndedNanos) {}
}

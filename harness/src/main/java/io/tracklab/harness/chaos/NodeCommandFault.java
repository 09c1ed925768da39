package io.tracklab.harness.chaos;

/**
 * A fault that is a Redis command sent to the nodes themselves ({@code SWAPDB}, {@code FLUSHALL},
 * {@code CONFIG SET}, {@code CLIENT KILL}): not a process operation, and no failover follows. On
 * an external topology it needs the file's {@code allowNodeFaults: true}.
 */
public sealed interface NodeCommandFault extends Fault
    permits SwapDbFault, FlushFault, TrackingTableFault, ConnectionKillFault {

  @Override
  default boolean byRedisCommand() {
    return true;
  }

  @Override
  default boolean timesFailover() {
    return false;
  }
}

package io.tracklab.topologies.containers;

import io.tracklab.topologies.TopologyException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;

/**
 * Testcontainers wait strategy for host-network containers: ready when a check against
 * 127.0.0.1 succeeds (a PING, an HTTP GET), failing at once when the container stopped, with a
 * message that names the address and where its log is.
 */
final class LoopbackReady extends AbstractWaitStrategy {
  private final String what;
  private final BooleanSupplier check;
  private final String logLocation;

  LoopbackReady(String what, BooleanSupplier check, String logLocation) {
    this.what = what;
    this.check = check;
    this.logLocation = logLocation;
    withStartupTimeout(Duration.ofSeconds(60));
  }

  @Override
  protected void waitUntilReady() {
    long deadline = System.nanoTime() + startupTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!waitStrategyTarget.isRunning()) {
        throw new TopologyException(what + ": the container stopped before it was ready; log: " + logLocation);
      }
      if (check.getAsBoolean()) {
        return;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new TopologyException("interrupted waiting for " + what, e);
      }
    }
    throw new TopologyException(what + " was not ready within " + startupTimeout.toSeconds() + " s; log: "
        + logLocation);
  }
}

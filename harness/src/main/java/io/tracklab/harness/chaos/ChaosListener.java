package io.tracklab.harness.chaos;

import java.time.Duration;

/** Told what the chaos controller did and when (offsets from the start of the run), on its own thread. */
public interface ChaosListener {
  /** Prints each step, for people watching a run. */
  ChaosListener PRINTING = new ChaosListener() {
    @Override
    public void injected(ScheduledFault fault, String node, Duration offset) {
      System.out.printf("tracklab chaos: +%.1fs injected %s%s%n", offset.toMillis() / 1000.0, fault.text(),
          node == null || node.equals(fault.fault().target()) ? "" : " (" + node + ")");
    }

    @Override
    public void healed(ScheduledFault fault, Duration offset) {
      System.out.printf("tracklab chaos: +%.1fs healed   %s%n", offset.toMillis() / 1000.0, fault.text());
    }

    @Override
    public void failed(ScheduledFault fault, String step, Duration offset, Exception error) {
      System.out.printf("tracklab chaos: +%.1fs FAILED to %s %s: %s%n", offset.toMillis() / 1000.0, step,
          fault.text(), error);
    }
  };

  default void injected(ScheduledFault fault, String node, Duration offset) {}

  default void healed(ScheduledFault fault, Duration offset) {}

  /** {@code step} is {@code inject} or {@code heal}. */
  default void failed(ScheduledFault fault, String step, Duration offset, Exception error) {}

  /** Both, in order. */
  default ChaosListener andThen(ChaosListener other) {
    ChaosListener first = this;
    return new ChaosListener() {
      @Override
      public void injected(ScheduledFault fault, String node, Duration offset) {
        first.injected(fault, node, offset);
        other.injected(fault, node, offset);
      }

      @Override
      public void healed(ScheduledFault fault, Duration offset) {
        first.healed(fault, offset);
        other.healed(fault, offset);
      }

      @Override
      public void failed(ScheduledFault fault, String step, Duration offset, Exception error) {
        first.failed(fault, step, offset, error);
        other.failed(fault, step, offset, error);
      }
    };
  }
}

package io.tracklab.simulations.run;

import io.tracklab.harness.workload.KeySlice;
import java.util.Objects;

/**
 * This run is one injector of a distributed run (docs/distributed.md): it provisions nothing
 * (its topology is the controller's, as an external topology file), injects no fault (the
 * controller owns the timeline), preloads and writes only its {@link KeySlice}, judges the reads
 * of those keys, and starts its load only when the controller says go.
 *
 * @param name {@code injector-1} ...: how the controller and the results name it
 * @param barrier called once the run is ready to load (client connected, slice preloaded);
 *     returns at go, throws when the controller aborts
 * @param relay hands this injector's acknowledgements to the controller and returns the other
 *     injectors' (docs/distributed.md); null: reads of their keys stay unjudged
 */
public record InjectorRole(String name, KeySlice slice, StartBarrier barrier,
    java.util.function.Function<io.tracklab.harness.coordination.AckBatch,
        java.util.List<io.tracklab.harness.coordination.AckBatch>> relay) {
  public InjectorRole {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(slice, "slice");
    Objects.requireNonNull(barrier, "barrier");
  }

  /** Without the relay: reads of other injectors' keys are counted, not judged. */
  public InjectorRole(String name, KeySlice slice, StartBarrier barrier) {
    this(name, slice, barrier, null);
  }

  /** The controller's start barrier, as an injector sees it. */
  @FunctionalInterface
  public interface StartBarrier {
    void readyAndAwaitGo();
  }
}

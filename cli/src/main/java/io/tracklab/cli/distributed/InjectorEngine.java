package io.tracklab.cli.distributed;

import java.net.URI;
import java.util.Optional;

/**
 * What places and supervises injectors: an existing engine (child processes, Docker Swarm,
 * Kubernetes), never a scheduler of tracklab's own. The controller only starts them, asks after
 * them and stops them; they find the controller themselves ({@code controller}).
 */
public interface InjectorEngine extends AutoCloseable {
  /** Makes the engine of one run. */
  @FunctionalInterface
  interface Factory {
    /**
     * @param runId the controller's run id (names what the engine creates)
     * @param injectorDirectory where injectors' logs and run directories go, where the engine can write them
     * @param injectors how many
     * @param controller where the controller listens
     */
    InjectorEngine create(String runId, java.nio.file.Path injectorDirectory, int injectors, URI controller);
  }

  /** {@code local}, {@code swarm}, {@code kubernetes}. */
  String name();

  /** Starts injector {@code injector}, which will call the controller at {@code controller}. */
  void launch(String injector, URI controller);

  /** Starts every injector of the run (an engine that starts them together, as one Job, overrides it). */
  default void launchAll(java.util.List<String> injectors, URI controller) {
    for (String injector : injectors) {
      launch(injector, controller);
    }
  }

  /**
   * What the engine says of an injector that is no longer running (its exit code, the last lines
   * it printed); empty while it runs.
   */
  Optional<String> ended(String injector);

  /** Stops every injector still running and removes what the engine kept of them; idempotent. */
  @Override
  void close();
}

package io.tracklab.cli.distributed;

/**
 * An engine's last line: stops what it started when the controller's JVM exits (Ctrl-C, SIGTERM,
 * a crash short of SIGKILL) before the engine was closed; {@link #cancel} once it was.
 */
final class StopAtExit {
  private final Thread hook;

  StopAtExit(String name, Runnable stop) {
    this.hook = new Thread(stop, name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The engine closed normally: nothing left for the hook. */
  void cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException exiting) {
      // the JVM is exiting: the hook runs anyway, and finds nothing to stop
    }
  }
}

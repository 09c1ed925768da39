package io.tracklab.cli;

import io.tracklab.simulations.run.TracklabRun;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during {@code tracklab run}. The first signal asks the run to stop
 * the way a run ends: the load stops at each user's next operation, Gatling ends the run, every
 * fault heals, the result is written marked interrupted, the topology stops. If that has not
 * happened within {@link #GRACE}, or on a second signal, the run is finished from here at once
 * (faults healed, partial result, processes stopped) and the JVM exits.
 *
 * <p>Replacing the JVM's own handlers (which only run shutdown hooks) is what lets the result
 * be written by the run rather than raced by a shutdown hook; the topologies' shutdown hooks
 * remain the last line (they stop every process at any exit).
 */
final class StopOnSignal {
  static final Duration GRACE = Duration.ofSeconds(45);
  private static final AtomicInteger SIGNAL = new AtomicInteger();
  private static final AtomicInteger COUNT = new AtomicInteger();

  private StopOnSignal() {}

  static void install(PrintStream out) {
    for (String name : new String[] {"INT", "TERM"}) {
      Signal.handle(new Signal(name), signal -> received(signal, out));
    }
  }

  /** The exit code for the signal received, or 0 when none was. */
  static int exitCode() {
    int signal = SIGNAL.get();
    return signal == 0 ? 0 : signal == 15 ? ExitCodes.TERMINATED : ExitCodes.INTERRUPTED;
  }

  private static void received(Signal signal, PrintStream out) {
    SIGNAL.compareAndSet(0, signal.getNumber());
    if (COUNT.incrementAndGet() == 1) {
      out.printf("%ntracklab: SIG%s: stopping the run: load stops, faults heal, a partial result is written "
          + "(again to stop at once)%n", signal.getName());
      TracklabRun.requestStop();
      Thread watchdog = new Thread(() -> {
        try {
          Thread.sleep(GRACE.toMillis());
          out.println("tracklab: the run did not stop within " + GRACE.toSeconds() + " s; stopping it now");
          stopNow();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "tracklab-stop-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
    } else {
      out.println("tracklab: stopping at once");
      stopNow();
    }
  }

  private static void stopNow() {
    TracklabRun.unfinished().ifPresent(run -> run.finish(true));
    System.exit(exitCode());
  }
}

package io.tracklab.cli;

import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.simulations.run.RunProgress;
import io.tracklab.simulations.run.TracklabRun;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints a run's progress once a second: elapsed and total time, throughput over the last
 * second, hit ratio, stale reads (and those beyond the bound), failed operations and the faults
 * active. On a terminal one line rewrites itself ({@link StatusLine}); otherwise (CI logs, pipes)
 * each tick is a plain line.
 */
final class ProgressReporter implements AutoCloseable {
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "tracklab-progress");
    thread.setDaemon(true);
    return thread;
  });
  private final PrintStream plain;
  private final StatusLine status;
  private String runId;
  private long lastOperations;
  private long lastNanos;

  /** @param status the terminal's status line, or null to print plain lines to {@code plain} */
  ProgressReporter(PrintStream plain, StatusLine status) {
    this.plain = plain;
    this.status = status;
    ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      TracklabRun.unfinished().map(TracklabRun::progress).ifPresent(this::report);
    } catch (RuntimeException e) {
      // a run finishing under our feet: the next tick finds the next run, or none
    }
  }

  private synchronized void report(RunProgress progress) {
    if (progress.elapsed().isZero()) {
      return; // the topology is starting; TracklabRun says so itself
    }
    long now = System.nanoTime();
    RunRecorder.Progress counts = progress.counts();
    if (!progress.runId().equals(runId)) {
      runId = progress.runId();
      lastOperations = 0;
      lastNanos = now - progress.elapsed().toNanos();
    }
    double rate = (counts.operations() - lastOperations) * 1e9 / Math.max(1, now - lastNanos);
    lastOperations = counts.operations();
    lastNanos = now;
    String line = line(progress, rate);
    if (status != null) {
      status.show(line);
    } else {
      plain.println(line);
    }
  }

  static String line(RunProgress progress, double operationsPerSecond) {
    RunRecorder.Progress counts = progress.counts();
    double hitPercent = counts.reads() == 0 ? 0 : 100.0 * counts.hits() / counts.reads();
    long failed = counts.failedReads() + counts.failedWrites();
    return String.format(Locale.ROOT, "[%4ds/%ds] %,9.0f ops/s  hits %5.1f%%  stale %d (%d beyond bound)  failed %d  faults: %s",
        progress.elapsed().toSeconds(), progress.duration().toSeconds(), operationsPerSecond, hitPercent,
        counts.stale(), counts.violations(), failed,
        progress.activeFaults().isEmpty() ? "none" : String.join("; ", progress.activeFaults()));
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    if (status != null) {
      status.erase();
    }
  }
}

package io.tracklab.topologies.local;

import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.node.NodeConfigFile;
import io.tracklab.topologies.node.NodeHandle;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.NodeProbe;
import io.tracklab.topologies.assembly.TlsMaterial;
import io.tracklab.topologies.node.PortTakenException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real {@code redis-server} process (or Sentinel: {@code redis-server --sentinel}) on
 * 127.0.0.1, configured by a file in a directory of its own that also holds its log and data. It
 * can be killed, paused and restarted on the same port with the same files, as chaos needs.
 *
 * <p>Readiness: started means it answers PING on its port; a process that exits first fails the
 * start at once with the tail of its log, and a timeout names host:port and the log.
 *
 * <p>Every process is registered with {@link ProcessReaper}, so none outlives the JVM.
 */
public final class RedisProcess implements NodeHandle {
  public static final String HOST = NodeConfigFile.HOST;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

  private final NodeLaunch launch;
  private final Path executable;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Process process;

  private RedisProcess(NodeLaunch launch, Path executable) {
    this.launch = launch;
    this.executable = executable;
  }

  /**
   * Writes the node's configuration and starts it.
   *
   * @throws PortTakenException when its port was taken (pick another and try again)
   * @throws TopologyException when it cannot start or does not answer in time
   */
  public static RedisProcess start(NodeLaunch launch) {
    RedisProcess node = new RedisProcess(launch, RedisExecutable.find());
    NodeConfigFile.write(launch);
    node.launch();
    return node;
  }

  private void launch() {
    List<String> command = new ArrayList<>(List.of(
        executable.toString(), launch.configFile().toAbsolutePath().toString()));
    if (launch.sentinel()) {
      command.add("--sentinel");
    }
    try {
      process = new ProcessBuilder(command)
          .directory(launch.directory().toFile())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.directory().resolve("stdout.log").toFile()))
          .start();
    } catch (IOException e) {
      throw new TopologyException(
          "cannot start " + executable + " for " + launch.name() + " on " + address() + ": " + e, e);
    }
    ProcessReaper.register(process);
    try {
      awaitReady();
    } catch (RuntimeException e) {
      stop(process);
      throw e;
    }
  }

  @Override
  public String name() {
    return launch.name();
  }

  @Override
  public int port() {
    return launch.port();
  }

  /** {@code 127.0.0.1:port}, the node itself (not its proxy). */
  public String address() {
    return HOST + ":" + launch.port();
  }

  public Path directory() {
    return launch.directory();
  }

  public Path logFile() {
    return launch.logFile();
  }

  @Override
  public String logLocation() {
    return launch.logFile().toString();
  }

  @Override
  public boolean isAlive() {
    Process current = process;
    return current != null && current.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: the node dies as in a crash, without saving or telling anyone. */
  @Override
  public void kill() {
    Process current = process;
    current.destroyForcibly();
    awaitExit(current);
    ProcessReaper.unregister(current);
  }

  /** Starts a killed (or stopped) node again on the same port with the same files. */
  @Override
  public void restart() {
    if (isAlive()) {
      throw new TopologyException(launch.name() + " on " + address() + " is still running; kill it first");
    }
    launch();
  }

  /** SIGSTOP: the process freezes with its sockets open (a stalled node, not a dead one). */
  @Override
  public void pause() {
    signal("STOP");
  }

  /** SIGCONT after {@link #pause()}. */
  @Override
  public void resume() {
    signal("CONT");
  }

  private void signal(String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid()))
          .redirectErrorStream(true).start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new TopologyException("kill -" + signal + " " + pid() + " (" + launch.name() + ") failed: " + output);
      }
    } catch (IOException e) {
      throw new TopologyException("cannot send SIG" + signal + " to " + launch.name() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("interrupted sending SIG" + signal + " to " + launch.name(), e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = logTail();
        if (PortTakenException.saidBy(log)) {
          throw new PortTakenException(launch.name(), address());
        }
        if (launch.tls() != null) {
          TlsMaterial.noTlsSupport(executable.toString(), log).ifPresent(message -> {
            throw new TopologyException(launch.name() + ": " + message);
          });
        }
        throw new TopologyException(
            launch.name() + " (redis-server on " + address() + ") exited with " + process.exitValue()
                + " before answering PING; log " + launch.logFile() + ":\n" + log);
      }
      if (NodeProbe.answers(launch)) {
        return;
      }
      sleepMillis(10);
    }
    throw new TopologyException(
        launch.name() + " (redis-server on " + address() + ") did not answer PING within "
            + READY_TIMEOUT.toSeconds() + " s; log " + launch.logFile() + ":\n" + logTail());
  }

  /** The last lines of the node's log (or its stdout, where config errors go). */
  public String logTail() {
    return NodeProbe.logTail(launch);
  }

  /** Stops the node (SIGTERM, then SIGKILL after 5 s). Idempotent; a paused node is resumed first. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Process current = process;
    if (current != null && current.isAlive()) {
      try {
        resume();
      } catch (TopologyException ignored) {
        // not paused, or already gone: SIGTERM below decides
      }
      stop(current);
    }
  }

  private static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      ProcessReaper.unregister(process);
    }
  }

  private static void awaitExit(Process process) {
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new TopologyException("process " + process.pid() + " did not exit after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("interrupted waiting for process " + process.pid() + " to exit", e);
    }
  }

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("interrupted while waiting for redis-server", e);
    }
  }
}

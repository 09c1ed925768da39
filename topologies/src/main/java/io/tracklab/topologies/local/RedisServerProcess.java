package io.tracklab.topologies.local;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One real {@code redis-server} process on 127.0.0.1, with its data and log under a directory of
 * its own, stopped on {@link #close()} and, failing that, at JVM exit.
 *
 * <p>Readiness: the process is ready once it answers PING on its port; a process that exits
 * first fails the start at once with the tail of its log, and a timeout names host:port.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final String HOST = "127.0.0.1";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final int port;
  private final Path directory;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisServerProcess(Process process, int port, Path directory) {
    this.process = process;
    this.port = port;
    this.directory = directory;
  }

  /**
   * Starts redis-server on a free port, its files under {@code baseDirectory/<port>}.
   *
   * @param extraArguments further {@code --name value} configuration, e.g. {@code "--save", ""}
   */
  public static RedisServerProcess start(Path baseDirectory, String... extraArguments) {
    Path executable = RedisExecutable.find();
    TopologyException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = LocalPorts.pickFree();
      try {
        return startOn(executable, port, baseDirectory.resolve(String.valueOf(port)), extraArguments);
      } catch (PortTakenException e) {
        last = e; // someone took the port between picking and binding: pick another
      }
    }
    throw last;
  }

  private static RedisServerProcess startOn(
      Path executable, int port, Path directory, String... extraArguments) {
    List<String> command = new ArrayList<>(List.of(
        executable.toString(),
        "--port", String.valueOf(port),
        "--bind", HOST,
        "--dir", directory.toAbsolutePath().toString(),
        "--logfile", "redis.log",
        "--save", "",
        "--appendonly", "no",
        "--daemonize", "no"));
    command.addAll(List.of(extraArguments));
    Process process;
    try {
      Files.createDirectories(directory);
      process = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(directory.resolve("redis.stdout").toFile())
          .start();
    } catch (IOException e) {
      throw new TopologyException("cannot start " + executable + " on " + HOST + ":" + port + ": " + e, e);
    }
    ProcessReaper.register(process);
    RedisServerProcess server = new RedisServerProcess(process, port, directory);
    try {
      server.awaitReady();
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public String host() {
    return HOST;
  }

  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return HOST + ":" + port;
  }

  public Path directory() {
    return directory;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = logTail();
        if (log.contains("Address already in use")) {
          throw new PortTakenException(address());
        }
        throw new TopologyException(
            "redis-server on " + address() + " exited with " + process.exitValue()
                + " before answering PING; log " + directory.resolve("redis.log") + ":\n" + log);
      }
      if (answersPing()) {
        return;
      }
      sleepMillis(20);
    }
    throw new TopologyException(
        "redis-server on " + address() + " did not answer PING within " + READY_TIMEOUT.toSeconds()
            + " s; log " + directory.resolve("redis.log") + ":\n" + logTail());
  }

  private boolean answersPing() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 200);
      socket.setSoTimeout(500);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = in.readNBytes(7);
      return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
    } catch (IOException e) {
      return false;
    }
  }

  private String logTail() {
    for (String name : List.of("redis.log", "redis.stdout")) {
      Path file = directory.resolve(name);
      try {
        if (Files.exists(file) && Files.size(file) > 0) {
          List<String> lines = Files.readAllLines(file);
          return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        }
      } catch (IOException e) {
        return "(cannot read " + file + ": " + e + ")";
      }
    }
    return "(no output)";
  }

  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
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

  private static void sleepMillis(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopologyException("interrupted while waiting for redis-server", e);
    }
  }

  private static final class PortTakenException extends TopologyException {
    private static final long serialVersionUID = 1L;

    PortTakenException(String address) {
      super("redis-server could not bind " + address + ": address already in use");
    }
  }
}

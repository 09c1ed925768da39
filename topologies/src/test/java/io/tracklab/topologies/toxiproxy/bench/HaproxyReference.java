package io.tracklab.topologies.toxiproxy.bench;

import io.tracklab.topologies.local.LocalPorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * HAProxy in plain TCP mode in front of the same redis-server: a reference forwarder, so the
 * embedded proxy's overhead is read against what a mature C proxy pays on the same machine.
 */
final class HaproxyReference implements AutoCloseable {
  private final Process process;
  private final int port;

  private HaproxyReference(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static HaproxyReference start(Path executable, Path directory, String upstream) throws IOException {
    int port = LocalPorts.pickFree();
    Files.createDirectories(directory);
    Path config = directory.resolve("haproxy.cfg");
    Files.writeString(config, String.join("\n",
        "global",
        "  nbthread " + Runtime.getRuntime().availableProcessors(),
        "defaults",
        "  mode tcp",
        "  timeout connect 5s",
        "  timeout client 60s",
        "  timeout server 60s",
        "frontend redis",
        "  bind 127.0.0.1:" + port,
        "  default_backend redis",
        "backend redis",
        "  server redis " + upstream,
        ""));
    Process process = new ProcessBuilder(executable.toString(), "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("haproxy.log").toFile())
        .start();
    HaproxyReference haproxy = new HaproxyReference(process, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return haproxy;
      } catch (IOException notYet) {
        sleep();
      }
    }
    haproxy.close();
    throw new IllegalStateException("haproxy did not listen on 127.0.0.1:" + port
        + "; see " + directory.resolve("haproxy.log"));
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

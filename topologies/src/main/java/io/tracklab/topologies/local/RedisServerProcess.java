package io.tracklab.topologies.local;

import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.node.NodeLaunch;
import io.tracklab.topologies.node.PortTakenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A single standalone {@code redis-server} on a free 127.0.0.1 port, for tests and benchmarks
 * that need a plain Redis and no proxies: a {@link RedisProcess} with a port chosen (and chosen
 * again on a clash) for you.
 */
public final class RedisServerProcess implements AutoCloseable {
  private static final int START_ATTEMPTS = 3;

  private final RedisProcess process;

  private RedisServerProcess(RedisProcess process) {
    this.process = process;
  }

  /**
   * Starts redis-server on a free port, its files under {@code baseDirectory/<port>}.
   *
   * @param extraConfig further configuration lines, e.g. {@code "maxmemory 64mb"}
   */
  public static RedisServerProcess start(Path baseDirectory, String... extraConfig) {
    TopologyException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = LocalPorts.pickFree();
      List<String> config = new ArrayList<>(List.of(extraConfig));
      try {
        return new RedisServerProcess(RedisProcess.start(new NodeLaunch(
            "redis", baseDirectory.resolve(String.valueOf(port)), port, config, false)));
      } catch (PortTakenException e) {
        last = e;
      }
    }
    throw last;
  }

  public String host() {
    return RedisProcess.HOST;
  }

  public int port() {
    return process.port();
  }

  /** {@code 127.0.0.1:port}. */
  public String address() {
    return process.address();
  }

  public Path directory() {
    return process.directory();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.close();
  }
}

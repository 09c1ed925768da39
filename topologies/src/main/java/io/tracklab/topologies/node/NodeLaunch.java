package io.tracklab.topologies.node;

import java.nio.file.Path;
import java.util.List;

/**
 * What to run for one node: a redis-server (or Sentinel) on 127.0.0.1:{@code port}, configured by
 * {@code config}, with its files under {@code directory}.
 *
 * @param name the node's stable name, e.g. {@code replica-1}
 * @param config configuration lines ({@code port}, {@code bind}, {@code dir} and {@code logfile}
 *     are added by the launcher)
 * @param sentinel run as Sentinel ({@code redis-server --sentinel}; Sentinel rewrites its file)
 */
public record NodeLaunch(String name, Path directory, int port, List<String> config, boolean sentinel) {
  public NodeLaunch {
    config = List.copyOf(config);
  }

  public Path configFile() {
    return directory.resolve(sentinel ? "sentinel.conf" : "redis.conf");
  }

  public Path logFile() {
    return directory.resolve("redis.log");
  }
}

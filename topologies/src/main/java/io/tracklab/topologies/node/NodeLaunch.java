package io.tracklab.topologies.node;

import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * What to run for one node: a redis-server (or Sentinel) on 127.0.0.1:{@code port}, configured by
 * {@code config}, with its files under {@code directory}.
 *
 * @param name the node's stable name, e.g. {@code replica-1}
 * @param config configuration lines ({@code port}, {@code bind}, {@code dir} and {@code logfile}
 *     are added by the launcher)
 * @param sentinel run as Sentinel ({@code redis-server --sentinel}; Sentinel rewrites its file)
 * @param tls how to reach the node when it listens with TLS only; null when it does not
 */
public record NodeLaunch(String name, Path directory, int port, List<String> config, boolean sentinel,
    SSLContext tls) {
  public NodeLaunch {
    config = List.copyOf(config);
  }

  /** A node without TLS. */
  public NodeLaunch(String name, Path directory, int port, List<String> config, boolean sentinel) {
    this(name, directory, port, config, sentinel, null);
  }

  public Path configFile() {
    return directory.resolve(sentinel ? "sentinel.conf" : "redis.conf");
  }

  public Path logFile() {
    return directory.resolve("redis.log");
  }
}

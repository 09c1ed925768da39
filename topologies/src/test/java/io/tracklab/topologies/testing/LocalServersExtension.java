package io.tracklab.topologies.testing;

import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.toxiproxy.EmbeddedToxiproxy;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a real {@link RedisServerProcess} and an {@link EmbeddedToxiproxy}, started once per
 * test JVM and closed when the run ends (they live in the root store, which closes
 * AutoCloseable values). Tests create their own uniquely named proxies and delete them.
 */
public final class LocalServersExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalServersExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == RedisServerProcess.class || type == EmbeddedToxiproxy.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    if (type == RedisServerProcess.class) {
      return store.getOrComputeIfAbsent(
          RedisServerProcess.class,
          key -> RedisServerProcess.start(Path.of("target", "tracklab", "it-redis")),
          RedisServerProcess.class);
    }
    return store.getOrComputeIfAbsent(
        EmbeddedToxiproxy.class, key -> EmbeddedToxiproxy.startOnLoopback(), EmbeddedToxiproxy.class);
  }
}

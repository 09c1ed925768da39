package io.tracklab.harness.testing;

import io.lettuce.core.api.sync.RedisCommands;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.local.LocalProvisioner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local topology (real redis-server processes behind proxies) shared by the tests of one class:
 * started before its first test, closed after its last. Register it as
 * {@code @RegisterExtension static final SharedTopology TOPOLOGY = new SharedTopology(kind);}.
 */
public final class SharedTopology implements BeforeAllCallback, AfterAllCallback {
  private final TopologyKind kind;
  private Topology topology;

  public SharedTopology(TopologyKind kind) {
    this.kind = kind;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    topology = new LocalProvisioner().start(kind);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (topology != null) {
      topology.close();
      topology = null;
    }
  }

  public Topology get() {
    if (topology == null) {
      throw new IllegalStateException("the topology exists between a class's first and last test");
    }
    return topology;
  }

  /** Admin commands on {@code node}, bypassing its proxy. */
  public RedisCommands<String, String> admin(String node) {
    return get().admin(node);
  }
}

package io.tracklab.harness.chaos;

import eu.rekawek.toxiproxy.Proxy;
import java.io.IOException;
/**
 * Disables a node's proxy: open connections are closed and new ones refused (the loud kind of
 * partition: clients see errors at once). Healed by enabling it.
 */
public record ProxyDisableFault(String target) implements Fault {
  @Override
  public String kind() {
    return "disable";
  }

  @Override
  public boolean throughProxy() {
    return true;
  }

  @Override
  public boolean timesFailover() {
    return true;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) throws IOException {
    Proxy proxy = topology.proxy(node);
    proxy.disable();
    return proxy::enable;
  }
}

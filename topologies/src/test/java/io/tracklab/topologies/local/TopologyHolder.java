package io.tracklab.topologies.local;

import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.ProxiedNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test helper run as a separate JVM: starts a topology, prints {@code READY pids=.. ports=..}
 * and waits to be killed, so a test can check what a SIGTERM leaves behind.
 */
public final class TopologyHolder {
  private TopologyHolder() {}

  public static void main(String[] args) throws InterruptedException {
    Topology topology = new LocalProvisioner(Path.of(args[1])).start(TopologyKind.parse(args[0]));
    List<String> pids = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    for (RedisNode node : topology.nodes()) {
      ProxiedNode proxied = (ProxiedNode) node;
      pids.add(String.valueOf(((RedisProcess) proxied.handle()).pid()));
      ports.add(String.valueOf(proxied.port()));
      ports.add(String.valueOf(proxied.proxyPort()));
    }
    System.out.println("READY pids=" + String.join(",", pids) + " ports=" + String.join(",", ports));
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // no close(): only the JVM's shutdown may clean up
  }
}

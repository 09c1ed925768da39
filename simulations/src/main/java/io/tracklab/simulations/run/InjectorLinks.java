package io.tracklab.simulations.run;

import eu.rekawek.toxiproxy.Proxy;
import io.lettuce.core.RedisURI;
import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.external.ExternalTopologyDescription;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One injector's own links to a node, for the fault lines of a distributed run that name one
 * ({@code latency 200ms on primary via injector-2}; docs/distributed.md). Every injector reaches
 * a node through the node's proxy, shared by all; for each (node, injector) a line names, the
 * controller puts one more proxy on the same Toxiproxy server in front of the shared one, and
 * that injector's topology file leads there. A toxic on the link then slows or cuts that
 * injector alone, while a fault of the node's own proxy still reaches everyone through the chain.
 * Links exist only where a line names them: the other injectors keep their one hop.
 */
public final class InjectorLinks implements AutoCloseable {
  /** node name, then injector name: the link's proxy. */
  private final Map<String, Map<String, Proxy>> links;

  private InjectorLinks(Map<String, Map<String, Proxy>> links) {
    this.links = links;
  }

  /**
   * Why {@code faults} cannot run with {@code injectors} injectors (0: a run of its own), one
   * message per line: a link of an injector the run does not have.
   */
  public static List<String> problems(FaultSchedule faults, int injectors) {
    List<String> problems = new ArrayList<>();
    for (ScheduledFault scheduled : faults.faults()) {
      String via = scheduled.fault().via();
      if (via == null) {
        continue;
      }
      int number = Integer.parseInt(via.substring(via.lastIndexOf('-') + 1));
      if (injectors == 0) {
        problems.add("\"" + scheduled.text() + "\": \"via " + via + "\" names an injector, and this run has none: "
            + "run it distributed (--injectors " + Math.max(2, number) + ", or injectors: in the experiment)");
      } else if (number > injectors) {
        problems.add("\"" + scheduled.text() + "\": \"via " + via + "\" names an injector this run does not have "
            + "(it has " + injectors + ": injector-1" + (injectors > 1 ? " to injector-" + injectors : "") + ")");
      }
    }
    return problems;
  }

  /** Makes the links {@code faults} name on {@code topology}'s Toxiproxy server. */
  public static InjectorLinks create(Topology topology, FaultSchedule faults) {
    InjectorLinks made = new InjectorLinks(new LinkedHashMap<>());
    try {
      for (ScheduledFault scheduled : faults.faults()) {
        String via = scheduled.fault().via();
        if (via != null) {
          made.link(topology, target(topology, scheduled.fault().target()), via);
        }
      }
      return made;
    } catch (RuntimeException e) {
      made.close();
      throw e;
    }
  }

  /** The node a line names; {@code current-primary} is the primary (links are made for standalone topologies only). */
  private static RedisNode target(Topology topology, String name) {
    return name.equals("current-primary") ? topology.currentPrimary(0) : topology.node(name);
  }

  private void link(Topology topology, RedisNode node, String injector) {
    Map<String, Proxy> ofNode = links.computeIfAbsent(node.name(), name -> new LinkedHashMap<>());
    if (ofNode.containsKey(injector)) {
      return;
    }
    RedisURI shared = node.proxyUri();
    String name = node.proxy().getName() + "-via-" + injector;
    try {
      ofNode.put(injector, topology.toxiproxy().createProxy(name, shared.getHost() + ":0",
          shared.getHost() + ":" + shared.getPort()));
    } catch (IOException e) {
      throw new TopologyException("cannot create " + injector + "'s link to " + node.name() + " (proxy " + name
          + "): " + e.getMessage(), e);
    }
  }

  /** The link's proxy; throws for a link no line named. */
  public Proxy proxy(String node, String injector) {
    Proxy proxy = links.getOrDefault(node, Map.of()).get(injector);
    if (proxy == null) {
      throw new IllegalStateException("no link of " + injector + " to " + node + " was made before the load");
    }
    return proxy;
  }

  /** {@code injector}'s own links, by node name, as its topology file names them. */
  public Map<String, ExternalTopologyDescription.Link> of(String injector) {
    Map<String, ExternalTopologyDescription.Link> mine = new LinkedHashMap<>();
    links.forEach((node, byInjector) -> {
      Proxy proxy = byInjector.get(injector);
      if (proxy != null) {
        String listen = proxy.getListen();
        int port = Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
        mine.put(node, new ExternalTopologyDescription.Link(proxy.getName(), listen.substring(0, listen.lastIndexOf(':')),
            port));
      }
    });
    return mine;
  }

  /** Lines like {@code injector-2 -> primary: proxy "primary-via-injector-2" at 127.0.0.1:41234}. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    links.forEach((node, byInjector) -> byInjector.forEach((injector, proxy) -> lines.add(injector + " -> " + node
        + ": its own proxy \"" + proxy.getName() + "\" at " + proxy.getListen() + ", in front of the shared one")));
    return lines;
  }

  /** Deletes every link (their toxics go with them); idempotent. */
  @Override
  public void close() {
    for (Map<String, Proxy> byInjector : links.values()) {
      for (Proxy proxy : byInjector.values()) {
        try {
          proxy.delete();
        } catch (IOException | RuntimeException e) {
          System.out.println("tracklab controller: could not delete " + proxy.getName() + ": " + e.getMessage());
        }
      }
    }
    links.clear();
  }
}

package io.tracklab.harness.chaos;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Toxiproxy toxic on a node's proxy, in one or both directions; healed by removing it.
 * {@code partition} is the silent kind: a timeout toxic of 0 in both directions withholds every
 * byte and keeps connections open, as a dropped network does, until healed.
 *
 * @param kind latency, bandwidth, timeout, partition, reset or slow-close
 * @param amount latency or timeout or slow-close delay; bandwidth in KB/s as a count
 * @param jitter latency jitter (zero otherwise)
 * @param via the one injector of a distributed run whose link to the node it acts on
 *     ({@code injector-2}), or null for the node's proxy, which every client goes through
 */
public record ToxicFault(String kind, String target, Direction direction, Duration amount, long kilobytesPerSecond,
    Duration jitter, String via) implements Fault {
  private static final AtomicLong NAMES = new AtomicLong();

  /** A toxic on the node's proxy, for every client. */
  public ToxicFault(String kind, String target, Direction direction, Duration amount, long kilobytesPerSecond,
      Duration jitter) {
    this(kind, target, direction, amount, kilobytesPerSecond, jitter, null);
  }

  /** Which bytes the toxic acts on: downstream is Redis to client (replies, pushes). */
  public enum Direction {
    UPSTREAM, DOWNSTREAM, BOTH;

    List<ToxicDirection> toxiproxy() {
      return switch (this) {
        case UPSTREAM -> List.of(ToxicDirection.UPSTREAM);
        case DOWNSTREAM -> List.of(ToxicDirection.DOWNSTREAM);
        case BOTH -> List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
      };
    }
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("direction", direction.name().toLowerCase(java.util.Locale.ROOT));
    switch (kind) {
      case "latency" -> {
        parameters.put("latency_ms", amount.toMillis());
        parameters.put("jitter_ms", jitter.toMillis());
      }
      case "bandwidth" -> parameters.put("rate_kb_per_s", kilobytesPerSecond);
      case "timeout", "reset" -> parameters.put("timeout_ms", amount.toMillis());
      case "slow-close" -> parameters.put("delay_ms", amount.toMillis());
      default -> { }
    }
    if (via != null) {
      parameters.put("via", via);
    }
    return parameters;
  }

  /**
   * One injector's own link exists only on a standalone topology: Sentinel and Cluster clients
   * follow the addresses the nodes announce, which are the shared proxies, not an injector's own.
   */
  @Override
  public String unsupportedOn(String kind) {
    if (via != null && !kind.equals("standalone")) {
      return "\"via " + via + "\" needs a standalone topology (Sentinel and Cluster clients follow the addresses "
          + "the nodes announce, the shared proxies, not one injector's own link); this one is " + kind;
    }
    return Fault.super.unsupportedOn(kind);
  }

  @Override
  public boolean throughProxy() {
    return true;
  }

  @Override
  public boolean timesFailover() {
    // cutting one injector's link moves no primary
    return kind.equals("partition") && via == null;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) throws IOException {
    Proxy proxy = via == null ? topology.proxy(node) : topology.proxyVia(node, via);
    List<Toxic> toxics = new ArrayList<>();
    try {
      for (ToxicDirection stream : direction.toxiproxy()) {
        toxics.add(add(proxy, "tracklab-" + kind + "-" + NAMES.incrementAndGet(), stream));
      }
    } catch (IOException | RuntimeException e) {
      remove(toxics);
      throw e;
    }
    return () -> remove(toxics);
  }

  private Toxic add(Proxy proxy, String name, ToxicDirection stream) throws IOException {
    return switch (kind) {
      case "latency" -> proxy.toxics().latency(name, stream, amount.toMillis()).setJitter(jitter.toMillis());
      case "bandwidth" -> proxy.toxics().bandwidth(name, stream, kilobytesPerSecond);
      case "timeout", "partition" -> proxy.toxics().timeout(name, stream, amount.toMillis());
      case "reset" -> proxy.toxics().resetPeer(name, stream, amount.toMillis());
      case "slow-close" -> proxy.toxics().slowClose(name, stream, amount.toMillis());
      default -> throw new IllegalStateException("not a toxic: " + kind);
    };
  }

  private static void remove(List<Toxic> toxics) throws IOException {
    IOException first = null;
    for (Toxic toxic : toxics) {
      try {
        toxic.remove();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}

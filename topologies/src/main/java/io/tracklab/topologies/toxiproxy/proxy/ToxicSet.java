package io.tracklab.topologies.toxiproxy.proxy;

import io.tracklab.topologies.toxiproxy.toxic.StreamDirection;
import io.tracklab.topologies.toxiproxy.toxic.ToxicDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's toxics, per direction in the order they were added. Immutable: every change makes a
 * new set, and connections are handed whole snapshots.
 */
public record ToxicSet(List<ToxicDefinition> upstream, List<ToxicDefinition> downstream) {
  public static final ToxicSet EMPTY = new ToxicSet(List.of(), List.of());

  public ToxicSet {
    upstream = List.copyOf(upstream);
    downstream = List.copyOf(downstream);
  }

  public List<ToxicDefinition> of(StreamDirection direction) {
    return direction == StreamDirection.UPSTREAM ? upstream : downstream;
  }

  /** Upstream toxics first, then downstream, as Toxiproxy lists them. */
  public List<ToxicDefinition> all() {
    List<ToxicDefinition> all = new ArrayList<>(upstream);
    all.addAll(downstream);
    return all;
  }

  public Optional<ToxicDefinition> find(String name) {
    return all().stream().filter(toxic -> toxic.name().equals(name)).findFirst();
  }

  ToxicSet plus(ToxicDefinition toxic) {
    List<ToxicDefinition> list = new ArrayList<>(of(toxic.direction()));
    list.add(toxic);
    return with(toxic.direction(), list);
  }

  ToxicSet replacing(ToxicDefinition toxic) {
    List<ToxicDefinition> list = new ArrayList<>(of(toxic.direction()));
    list.replaceAll(existing -> existing.id() == toxic.id() ? toxic : existing);
    return with(toxic.direction(), list);
  }

  ToxicSet minus(ToxicDefinition toxic) {
    List<ToxicDefinition> list = new ArrayList<>(of(toxic.direction()));
    list.removeIf(existing -> existing.id() == toxic.id());
    return with(toxic.direction(), list);
  }

  private ToxicSet with(StreamDirection direction, List<ToxicDefinition> list) {
    return direction == StreamDirection.UPSTREAM
        ? new ToxicSet(list, downstream)
        : new ToxicSet(upstream, list);
  }
}

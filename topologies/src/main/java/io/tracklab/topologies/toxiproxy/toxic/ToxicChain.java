package io.tracklab.topologies.toxiproxy.toxic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The toxics of one direction of one connection, in the order they were added, ending in the
 * destination. Single-threaded: used only on the connection's event loop.
 *
 * <p>Changes arrive as the proxy's whole list of toxic definitions for the direction
 * ({@link #reconcile}), not as deltas, so a connection that saw an older list converges on the
 * newest one whatever order events raced in. As in Toxiproxy: new toxics go to the end of the
 * chain; a removed toxic first hands its held data to its successor; an updated toxic re-times
 * what it holds.
 */
public final class ToxicChain implements ChunkSink {
  private final StageContext context;
  private final ChunkSink destination;
  private final List<AttachedToxic> toxics = new ArrayList<>();
  private ChunkSink head;

  public ToxicChain(List<ToxicDefinition> definitions, ChunkSink destination, StageContext context) {
    this.context = context;
    this.destination = new EndOnce(destination);
    this.head = this.destination;
    reconcile(definitions);
  }

  @Override
  public void accept(Chunk chunk) {
    head.accept(chunk);
  }

  @Override
  public void end() {
    head.end();
  }

  /** Brings the chain in line with {@code definitions} (the proxy's list for this direction). */
  public void reconcile(List<ToxicDefinition> definitions) {
    Map<Long, ToxicDefinition> wanted = new HashMap<>();
    for (ToxicDefinition definition : definitions) {
      wanted.put(definition.id(), definition);
    }
    for (int i = 0; i < toxics.size(); ) {
      AttachedToxic toxic = toxics.get(i);
      ToxicDefinition target = wanted.remove(toxic.definition().id());
      if (target == null) {
        toxic.remove();
        toxics.remove(i);
        rewire();
        continue;
      }
      if (!target.equals(toxic.definition())) {
        toxic.update(target);
      }
      i++;
    }
    for (ToxicDefinition definition : definitions) {
      if (wanted.containsKey(definition.id())) {
        toxics.add(new AttachedToxic(definition, destination, context));
        rewire();
      }
    }
  }

  /** The connection closed: cancel timers and release held data. */
  public void dispose() {
    for (AttachedToxic toxic : toxics) {
      toxic.dispose();
    }
  }

  /** Names of the toxics in chain order, for diagnostics and tests. */
  public List<String> toxicNames() {
    List<String> names = new ArrayList<>(toxics.size());
    for (AttachedToxic toxic : toxics) {
      names.add(toxic.definition().name());
    }
    return names;
  }

  private void rewire() {
    for (int i = 0; i < toxics.size(); i++) {
      toxics.get(i).connect(i + 1 < toxics.size() ? toxics.get(i + 1) : destination);
    }
    head = toxics.isEmpty() ? destination : toxics.get(0);
  }
}

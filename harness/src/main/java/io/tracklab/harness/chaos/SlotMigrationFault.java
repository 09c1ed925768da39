package io.tracklab.harness.chaos;

import io.lettuce.core.cluster.SlotHash;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves one Cluster slot, keys and all, to another primary (MIGRATING/IMPORTING/MIGRATE): clients
 * meet ASK and then MOVED redirections and near-caches must drop what the slot held.
 *
 * @param slot 0..16383
 * @param to the primary to move it to; null: the next primary after its current owner
 */
public record SlotMigrationFault(int slot, String to) implements Fault {
  public SlotMigrationFault {
    if (slot < 0 || slot >= SlotHash.SLOT_COUNT) {
      throw new IllegalArgumentException("slot " + slot + " is not a Cluster slot (0.." + (SlotHash.SLOT_COUNT - 1) + ")");
    }
  }

  @Override
  public String requiredTopology() {
    return "cluster";
  }

  @Override
  public String kind() {
    return "migrate-slot";
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("slot", slot);
    if (to != null) {
      parameters.put("to", to);
    }
    return parameters;
  }

  @Override
  public boolean timesFailover() {
    return false;
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    String from = topology.currentPrimary(slot);
    String destination = to != null ? topology.node(to) : next(topology.primaries(), from);
    topology.migrateSlot(slot, from, destination);
    return Heal.NOTHING;
  }

  /** The primary after {@code from}, wrapping around. */
  private static String next(List<String> primaries, String from) {
    if (primaries.size() < 2 || !primaries.contains(from)) {
      throw new IllegalStateException("slot migration needs a second primary besides " + from + "; primaries: " + primaries);
    }
    return primaries.get((primaries.indexOf(from) + 1) % primaries.size());
  }
}

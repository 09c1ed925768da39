package io.tracklab.harness.chaos;

import java.util.Map;

/**
 * {@code FLUSHALL} or {@code FLUSHDB}, optionally {@code ASYNC}, on every primary while the
 * writers run: every key goes at once. Unlike SWAPDB, Redis tells tracking clients: a flush sends
 * the "null" invalidation (an invalidate message with no keys) that means "drop everything", and a
 * near-cache that ignores it serves what it held until each key is written again. The target takes
 * every key as deleted at the flush ({@link ChaosTarget#flush}), so reads of older values after it
 * are stale, judged against the flush. Not undone at heal (the keys are gone; the writers write
 * them again).
 *
 * @param all FLUSHALL (every database) rather than FLUSHDB (database 0, the workload's)
 * @param async the ASYNC variant: the keys are unlinked at once and freed in the background
 */
public record FlushFault(boolean all, boolean async) implements NodeCommandFault {
  @Override
  public String kind() {
    return all ? "flushall" : "flushdb";
  }

  @Override
  public String target() {
    return null;
  }

  @Override
  public Map<String, Object> parameters() {
    return Map.of("async", async);
  }

  @Override
  public Heal inject(ChaosTarget topology, String node) {
    topology.flush(all, async);
    return Heal.NOTHING;
  }
}

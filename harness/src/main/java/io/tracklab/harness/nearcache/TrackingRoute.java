package io.tracklab.harness.nearcache;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Where a key's commands go and which {@link TrackingEpoch} covers its slot: one node
 * (standalone, Sentinel) or the slot's owner in a Cluster. Entries carry the slot and the epoch
 * that tracked them; an entry is served only while that epoch still covers its slot, so a lost
 * connection or a slot that moved makes entries unservable at once, before any flush.
 */
interface TrackingRoute<V> extends AutoCloseable {

  /** Connects; fails when nothing can be reached. */
  void start();

  /**
   * Whether a read that found no key may be cached as "absent". On one node, yes: tracking
   * covers missing keys too. In a Cluster, no: when a slot moves, the old owner invalidates the
   * keys it deletes, but it has nothing to delete for a key that never existed, so an "absent"
   * entry would outlive a move until the next topology refresh.
   */
  boolean cachesAbsentKeys();

  /** The key's slot (always 0 on a single node). */
  int slotOf(String key);

  /** The epoch covering {@code slot} now, or null while its node is unreachable. */
  TrackingEpoch epochFor(int slot);

  /**
   * Sends a command for {@code key} to the node owning its slot, following Cluster
   * redirections.
   *
   * @param cachedRead the reply will be cached if the answer allows (OPTIN marks it)
   */
  <T> CompletableFuture<Answer<T>> send(String key, int slot,
      Function<RedisAsyncCommands<String, V>, ? extends CompletionStage<T>> command, boolean cachedRead);

  /**
   * A reply and the epoch that answered it.
   *
   * @param cacheable false when the answer came by redirection (MOVED, ASK): the next read goes
   *     straight to the owner and is cached there
   */
  record Answer<T>(T value, TrackingEpoch epoch, boolean cacheable) {}

  @Override
  void close();
}

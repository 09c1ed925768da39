package io.tracklab.harness.nearcache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.models.partitions.ClusterPartitionParser;
import io.lettuce.core.cluster.models.partitions.Partitions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Cluster: a tracking connection per primary that serves slots, and the owner of every slot.
 *
 * <p>Reads are tracked by the node that answers them, so Redis invalidates them from there (a
 * MIGRATE deletes keys on the source, which invalidates them too). What tracking cannot see is
 * a slot changing owner: the old owner no longer hears of writes to it. So entries carry their
 * slot and epoch and are served only while that epoch's node still owns the slot; and when a
 * refresh (periodic, after a lost connection, after {@code MOVED}) finds slots with a new owner,
 * or a {@code MOVED} names one, their entries are flushed.
 *
 * <p>Redirections are followed for the command at hand (at most three hops); their answers are
 * not cached, the next read goes to the owner directly. {@code ASK} is sent as {@code ASKING}
 * plus the command, adjacent ({@link TrackingEpoch#send}). Connections to new nodes are opened
 * on this route's own thread, never on a Netty event loop.
 */
final class ClusterRoute<V> implements TrackingRoute<V> {
  private static final Duration REFRESH_INTERVAL = Duration.ofMillis(500);
  private static final int MAX_REDIRECTIONS = 3;

  private final RedisClient client;
  private final List<RedisURI> seeds;
  private final RedisCodec<String, V> codec;
  private final NearCacheConfig config;
  private final TrackingConnection.Events events;
  private final Map<String, TrackingConnection> nodes = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<TrackingConnection> owners = new AtomicReferenceArray<>(SlotHash.SLOT_COUNT);
  private final ScheduledExecutorService refresher;
  private final AtomicBoolean refreshQueued = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Duration timeout;

  ClusterRoute(RedisClient client, List<RedisURI> seeds, RedisCodec<String, V> codec, NearCacheConfig config,
      TrackingConnection.Events events) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("a cluster near-cache needs at least one seed URI");
    }
    this.client = client;
    this.seeds = List.copyOf(seeds);
    this.codec = codec;
    this.config = config;
    this.events = events;
    this.timeout = seeds.get(0).getTimeout();
    this.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "near-cache-cluster-topology");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void start() {
    refresh();
    if (nodes.isEmpty()) {
      throw new NearCacheException("no primary of the cluster at " + seeds + " could be reached");
    }
    long interval = REFRESH_INTERVAL.toNanos();
    refresher.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.NANOSECONDS);
  }

  @Override
  public boolean cachesAbsentKeys() {
    return false;
  }

  @Override
  public int slotOf(String key) {
    return SlotHash.getSlot(key);
  }

  @Override
  public TrackingEpoch epochFor(int slot) {
    TrackingConnection owner = owners.get(slot);
    return owner == null ? null : owner.current();
  }

  @Override
  public <T> CompletableFuture<Answer<T>> send(String key, int slot,
      Function<RedisAsyncCommands<String, V>, ? extends CompletionStage<T>> command, boolean cachedRead) {
    TrackingEpoch epoch = epochFor(slot);
    if (epoch == null) {
      requestRefresh();
      return CompletableFuture.failedFuture(
          new NotConnectedException("no connection to the owner of slot " + slot + " (failing over?)"));
    }
    return attempt(epoch, command, cachedRead, false, 0);
  }

  private <T> CompletableFuture<Answer<T>> attempt(TrackingEpoch epoch,
      Function<RedisAsyncCommands<String, V>, ? extends CompletionStage<T>> command, boolean cachedRead, boolean asking,
      int hops) {
    return epoch.<V, T>send(command, cachedRead && hops == 0, asking).toCompletableFuture()
        .handle((value, failure) -> {
          if (failure == null) {
            return CompletableFuture.completedFuture(new Answer<>(value, epoch, hops == 0));
          }
          Redirection redirection = Redirection.of(failure);
          if (redirection == null || hops >= MAX_REDIRECTIONS) {
            return CompletableFuture.<Answer<T>>failedFuture(unwrap(failure));
          }
          if (redirection.moved()) {
            BitSet moved = new BitSet();
            moved.set(redirection.slot());
            events.slotsMoved(moved);
            requestRefresh();
          }
          return CompletableFuture.supplyAsync(() -> connectionTo(redirection.host(), redirection.port()), refresher)
              .thenCompose(target -> {
                TrackingEpoch targetEpoch = target.current();
                if (targetEpoch == null) {
                  return CompletableFuture.<Answer<T>>failedFuture(new NearCacheException(
                      "redirected to " + redirection.host() + ":" + redirection.port() + ", which is not reachable"));
                }
                return attempt(targetEpoch, command, false, !redirection.moved(), hops + 1);
              });
        })
        .thenCompose(Function.identity());
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** {@code MOVED <slot> <host>:<port>} or {@code ASK <slot> <host>:<port>}. */
  record Redirection(boolean moved, int slot, String host, int port) {
    static Redirection of(Throwable failure) {
      Throwable cause = unwrap(failure);
      if (!(cause instanceof RedisCommandExecutionException) || cause.getMessage() == null) {
        return null;
      }
      String[] parts = cause.getMessage().split(" ");
      if (parts.length != 3 || !(parts[0].equals("MOVED") || parts[0].equals("ASK"))) {
        return null;
      }
      int colon = parts[2].lastIndexOf(':');
      return new Redirection(parts[0].equals("MOVED"), Integer.parseInt(parts[1]),
          parts[2].substring(0, colon), Integer.parseInt(parts[2].substring(colon + 1)));
    }
  }

  // ---- topology ----

  /** Asks for a refresh soon (coalesced): after MOVED, a lost node, a slot without a connection. */
  void requestRefresh() {
    if (!closed.get() && refreshQueued.compareAndSet(false, true)) {
      refresher.schedule(() -> {
        refreshQueued.set(false);
        refreshQuietly();
      }, 20, TimeUnit.MILLISECONDS);
    }
  }

  private void refreshQuietly() {
    try {
      refresh();
    } catch (RuntimeException e) {
      // nothing reachable right now: the next refresh tries again
    }
  }

  /** Reads CLUSTER NODES, connects to new primaries, reassigns slots, flushes moved ones. */
  private synchronized void refresh() {
    if (closed.get()) {
      return;
    }
    Partitions partitions = ClusterPartitionParser.parse(clusterNodes());
    TrackingConnection[] next = new TrackingConnection[SlotHash.SLOT_COUNT];
    for (RedisClusterNode node : partitions) {
      if (!node.is(RedisClusterNode.NodeFlag.UPSTREAM) || node.is(RedisClusterNode.NodeFlag.FAIL)
          || node.getSlots().isEmpty()) {
        continue;
      }
      TrackingConnection connection = connectionTo(node.getUri().getHost(), node.getUri().getPort());
      for (int slot : node.getSlots()) {
        next[slot] = connection;
      }
    }
    BitSet moved = new BitSet();
    Set<TrackingConnection> used = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int slot = 0; slot < SlotHash.SLOT_COUNT; slot++) {
      if (next[slot] != null) {
        used.add(next[slot]);
      }
      TrackingConnection before = owners.getAndSet(slot, next[slot]);
      if (before != null && before != next[slot]) {
        moved.set(slot);
      }
    }
    if (!moved.isEmpty()) {
      events.slotsMoved(moved);
    }
    nodes.values().removeIf(connection -> {
      if (used.contains(connection)) {
        return false;
      }
      connection.close();
      return true;
    });
  }

  /** The tracking connection to a node, opened (in the background if it is down) when new. */
  private TrackingConnection connectionTo(String host, int port) {
    return nodes.computeIfAbsent(host + ":" + port, address -> {
      // the seeds' credentials and TLS: every node of a cluster takes the same
      RedisURI uri = RedisURI.Builder.redis(host, port).withAuthentication(seeds.get(0)).withSsl(seeds.get(0))
          .withTimeout(timeout).build();
      TrackingConnection connection =
          new TrackingConnection(client, false, uri, codec, config, new NodeEvents());
      connection.start(false);
      return connection;
    });
  }

  /** CLUSTER NODES from any node we are connected to, else from a seed. */
  private String clusterNodes() {
    RuntimeException last = null;
    for (TrackingConnection connection : nodes.values()) {
      TrackingEpoch epoch = connection.current();
      if (epoch != null) {
        try {
          return epoch.<V, String>send(commands -> commands.clusterNodes(), false, false)
              .toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
          last = new NearCacheException("CLUSTER NODES failed on " + connection.uri() + ": " + e, e);
        }
      }
    }
    for (RedisURI seed : seeds) {
      try (StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8, seed)) {
        return connection.sync().clusterNodes();
      } catch (RuntimeException e) {
        Optional<AccessDeniedException> denied = AccessDeniedException.in(e, seed);
        if (denied.isPresent()) {
          throw denied.get();
        }
        last = e;
      }
    }
    throw new NearCacheException("no node of the cluster answered CLUSTER NODES", last);
  }

  /** A node's events go to the cache; a lost node also makes the route look again. */
  private final class NodeEvents implements TrackingConnection.Events {
    @Override
    public void epochStarted(TrackingEpoch epoch, TrackingEpoch previous) {
      events.epochStarted(epoch, previous);
    }

    @Override
    public void epochEnded(TrackingEpoch epoch, FlushReason reason) {
      events.epochEnded(epoch, reason);
      requestRefresh();
    }

    @Override
    public void invalidated(List<String> keys) {
      events.invalidated(keys);
    }

    @Override
    public void nullInvalidation() {
      events.nullInvalidation();
    }

    @Override
    public void unhealthy(TrackingEpoch epoch) {
      events.unhealthy(epoch);
    }

    @Override
    public void healthyAgain(TrackingEpoch epoch) {
      events.healthyAgain(epoch);
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    refresher.shutdownNow();
    nodes.values().forEach(TrackingConnection::close);
    nodes.clear();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}

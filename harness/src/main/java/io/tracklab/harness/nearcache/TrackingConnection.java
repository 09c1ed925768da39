package io.tracklab.harness.nearcache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The tracking connection and its lives ({@link TrackingEpoch}s): connects, turns tracking on,
 * watches the connection, heartbeats it, and reconnects.
 *
 * <p>Why not Lettuce's auto-reconnect: after a reconnect Lettuce replays buffered commands as
 * soon as its handshake is done, and a GET replayed before {@code CLIENT TRACKING ON} would be
 * answered untracked and cached with no invalidation ever to come. Here a lost connection is
 * never reused: the epoch ends (and its entries are dropped) at the disconnect, and a new
 * connection becomes current only after {@code CLIENT TRACKING} was acknowledged on it. Nothing
 * is replayed; commands issued while disconnected fail at once.
 *
 * <p>Threads: push messages and disconnects arrive on the connection's Netty event loop;
 * heartbeats and reconnects run on one scheduler thread of this object.
 */
final class TrackingConnection implements AutoCloseable {
  private static final long MAX_RECONNECT_DELAY_MILLIS = 250;

  /** What the cache is told. */
  interface Events {
    void epochStarted(TrackingEpoch epoch, TrackingEpoch previous);

    void epochEnded(TrackingEpoch epoch, FlushReason reason);

    void invalidated(List<String> keys);

    void nullInvalidation();

    void unhealthy(TrackingEpoch epoch);

    void healthyAgain(TrackingEpoch epoch);

    /** Cluster: these slots changed owner; entries of them must go. */
    default void slotsMoved(java.util.BitSet slots) {}
  }

  private final RedisClient client;
  private final boolean ownsClient;
  private final RedisURI uri;
  private final RedisCodec<String, ?> codec;
  private final NearCacheConfig config;
  private final Events events;
  private final ScheduledExecutorService scheduler;
  private final AtomicReference<TrackingEpoch> current = new AtomicReference<>();
  private final AtomicLong epochs = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicBoolean reconnecting = new AtomicBoolean();
  private volatile TrackingEpoch last;
  /** Sentinel: the primary named by the latest {@code +switch-master} (host:port), if any. */
  private volatile String announcedPrimary;

  TrackingConnection(RedisClient client, boolean ownsClient, RedisURI uri, RedisCodec<String, ?> codec,
      NearCacheConfig config, Events events) {
    this.client = client;
    this.ownsClient = ownsClient;
    this.uri = uri;
    this.codec = codec;
    this.config = config;
    this.events = events;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "near-cache-" + uri.getHost() + ":" + uri.getPort());
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * The options every client of tracking connections needs: RESP3 (pushes on the same
   * connection) and no auto-reconnect (see the class comment); commands while disconnected fail
   * at once.
   */
  static void configure(RedisClient client, NearCacheConfig config) {
    ClientOptions.Builder options = ClientOptions.builder();
    config.tls().ifPresent(options::sslOptions);
    client.setOptions(options
        .protocolVersion(ProtocolVersion.RESP3)
        .autoReconnect(false)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .build());
  }

  /**
   * Connects the first time and starts heartbeating.
   *
   * @param required fail when the first connection fails (a standalone cache that cannot
   *     connect fails to start); otherwise keep trying in the background (a Cluster node that
   *     is down now may be back)
   */
  void start(boolean required) {
    try {
      openEpoch();
    } catch (RuntimeException e) {
      Optional<AccessDeniedException> denied = AccessDeniedException.in(e, uri);
      if (denied.isPresent()) {
        throw denied.get(); // no node that refuses us now will accept us on the next try
      }
      if (required) {
        throw e;
      }
      scheduleReconnect(10);
    }
    long interval = config.heartbeatInterval().toNanos();
    scheduler.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.NANOSECONDS);
  }

  RedisURI uri() {
    return uri;
  }

  /** The current epoch, or null while disconnected. */
  TrackingEpoch current() {
    return current.get();
  }

  private void openEpoch() {
    RedisURI target = target();
    StatefulRedisConnection<String, ?> connection = client.connect(codec, target);
    AtomicReference<TrackingEpoch> self = new AtomicReference<>();
    connection.addListener(new RedisConnectionStateListener() {
      @Override
      public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
        TrackingEpoch epoch = self.get();
        if (epoch != null) {
          lost(epoch, FlushReason.DISCONNECTED);
        }
      }
    });
    connection.addListener(this::onPush);
    try {
      long sentAt = System.nanoTime();
      connection.sync().clientTracking(trackingArgs());
      TrackingEpoch epoch = new TrackingEpoch(epochs.incrementAndGet(), connection, nodeAddress(connection),
          target.getHost() + ":" + target.getPort(), config.mode() == TrackingMode.OPTIN,
          config.heartbeatDeadline().toNanos(), sentAt);
      self.set(epoch);
      if (!connection.isOpen() || closed.get()) {
        connection.close();
        throw new NearCacheException("connection to " + uri + " closed while turning tracking on");
      }
      TrackingEpoch previous = last;
      last = epoch;
      current.set(epoch);
      events.epochStarted(epoch, previous);
    } catch (RuntimeException e) {
      connection.closeAsync();
      throw e;
    }
  }

  /**
   * Where to connect now. A Sentinel URI is resolved here rather than by Lettuce so the epoch
   * knows which primary it dialed: a {@code +switch-master} naming the address this epoch
   * already reached (a reconnect after a kill can find the new primary before the announcement
   * arrives, and every Sentinel announces the same switch) must not end it. Sentinels learn of
   * a failover one after another, so an answer equal to the latest announcement wins over the
   * first answer: the first Sentinel asked may still name the old primary.
   */
  private RedisURI target() {
    if (uri.getSentinels().isEmpty()) {
      return uri;
    }
    String announced = announcedPrimary;
    InetSocketAddress first = null;
    RuntimeException last = null;
    for (RedisURI sentinel : uri.getSentinels()) {
      try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel(sentinel)) {
        if (connection.sync().getMasterAddrByName(uri.getSentinelMasterId()) instanceof InetSocketAddress named) {
          if (announced == null || announced.equals(hostPort(named))) {
            return primaryUri(named);
          }
          first = first == null ? named : first;
        }
      } catch (RuntimeException e) {
        last = e;
      }
    }
    if (first != null) {
      return primaryUri(first);
    }
    throw new NearCacheException("no Sentinel of " + uri + " named a primary for " + uri.getSentinelMasterId(), last);
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  /** The Sentinel URI's settings, pointed at one primary. */
  private RedisURI primaryUri(InetSocketAddress primary) {
    RedisURI.Builder builder = RedisURI.Builder.redis(primary.getHostString(), primary.getPort())
        .withAuthentication(uri).withSsl(uri).withTimeout(uri.getTimeout()).withDatabase(uri.getDatabase());
    if (uri.getClientName() != null) {
      builder.withClientName(uri.getClientName());
    }
    return builder.build();
  }

  private TrackingArgs trackingArgs() {
    TrackingArgs args = TrackingArgs.Builder.enabled();
    switch (config.mode()) {
      case BCAST -> {
        args.bcast();
        if (!config.prefixes().isEmpty()) {
          args.prefixes(config.prefixes().toArray(String[]::new));
        }
      }
      case OPTIN -> args.optin();
      case DEFAULT -> { }
    }
    if (config.noLoop()) {
      args.noloop();
    }
    return args;
  }

  /**
   * The node this connection reached, as the node sees itself ({@code CLIENT INFO}'s
   * {@code laddr}): behind a proxy the client only knows the proxy, so a failover that keeps the
   * proxy address but changes the node is seen here.
   */
  private static String nodeAddress(StatefulRedisConnection<String, ?> connection) {
    for (String field : connection.sync().clientInfo().trim().split(" ")) {
      if (field.startsWith("laddr=")) {
        return field.substring("laddr=".length());
      }
    }
    return "unknown";
  }

  /** The connection is gone: end its epoch now (entries dropped), reconnect in the background. */
  private void lost(TrackingEpoch epoch, FlushReason reason) {
    if (!epoch.end()) {
      return;
    }
    current.compareAndSet(epoch, null);
    events.epochEnded(epoch, reason);
    epoch.connection.closeAsync();
    scheduleReconnect(0);
  }

  /**
   * The primary moved to {@code hostPort}: drops the current connection on purpose unless it
   * already dialed that address; a new one, to wherever the URI leads now, follows.
   */
  void primaryMovedTo(String hostPort) {
    announcedPrimary = hostPort;
    TrackingEpoch epoch = current.get();
    if (epoch != null && !epoch.dialed.equals(hostPort)) {
      lost(epoch, FlushReason.PRIMARY_CHANGED);
    }
  }

  private void scheduleReconnect(long delayMillis) {
    if (closed.get() || !reconnecting.compareAndSet(false, true)) {
      return;
    }
    scheduler.schedule(() -> reconnect(delayMillis), delayMillis, TimeUnit.MILLISECONDS);
  }

  private void reconnect(long lastDelayMillis) {
    reconnecting.set(false);
    if (closed.get() || current.get() != null) {
      return;
    }
    try {
      openEpoch();
    } catch (RuntimeException e) {
      // refused (a password changed under us): try again, but only as often as the slowest retry
      long next = AccessDeniedException.in(e, uri).isPresent() ? MAX_RECONNECT_DELAY_MILLIS
          : Math.min(MAX_RECONNECT_DELAY_MILLIS, Math.max(10, lastDelayMillis * 2));
      scheduleReconnect(next);
    }
  }

  private void heartbeat() {
    TrackingEpoch epoch = current.get();
    if (epoch == null || closed.get()) {
      return;
    }
    long now = System.nanoTime();
    if (!epoch.hasEnded() && !epoch.healthyAt(now) && epoch.markUnhealthy()) {
      events.unhealthy(epoch); // (an ended epoch is a disconnect, counted as one by lost())
    }
    long sentAt = System.nanoTime();
    epoch.send(commands -> commands.ping(), false, false).thenRun(() -> {
      if (epoch.proven(sentAt) && epoch.healthyAt(System.nanoTime())) {
        events.healthyAgain(epoch);
      }
    });
  }

  /**
   * Called on the event loop for every RESP3 push of the tracking connection:
   * {@code [invalidate, [key, ...]]}, or {@code [invalidate, null]} for FLUSHALL/FLUSHDB.
   */
  private void onPush(PushMessage message) {
    if (!"invalidate".equals(message.getType())) {
      return;
    }
    // decode through getContent(fn): the nested key buffers are shared with the decoder
    List<Object> content = message.getContent(StringCodec.UTF8::decodeKey);
    Object keys = content.size() > 1 ? content.get(1) : null;
    if (keys == null) {
      events.nullInvalidation();
    } else if (keys instanceof List<?> list) {
      List<String> decoded = new ArrayList<>(list.size());
      list.forEach(key -> decoded.add(String.valueOf(key)));
      events.invalidated(decoded);
    } else {
      events.invalidated(List.of(String.valueOf(keys)));
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    scheduler.shutdownNow();
    TrackingEpoch epoch = current.getAndSet(null);
    if (epoch != null) {
      epoch.end();
      epoch.connection.close();
    }
    if (ownsClient) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}

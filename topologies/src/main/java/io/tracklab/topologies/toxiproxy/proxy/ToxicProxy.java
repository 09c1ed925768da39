package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.tracklab.topologies.toxiproxy.toxic.StreamDirection;
import io.tracklab.topologies.toxiproxy.toxic.ToxicAttributes;
import io.tracklab.topologies.toxiproxy.toxic.ToxicDefinition;
import io.tracklab.topologies.toxiproxy.toxic.ToxicType;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One named proxy: a listener, the connections it accepted, and its toxics.
 *
 * <p>Locking: the monitor guards the proxy's state (addresses, enabled, listener, toxics, the
 * connection set). Binding and closing the listener happen under it; they run on the proxy
 * group's acceptor loop, which never takes this lock. Waiting for connections to close or to
 * apply new toxics happens <em>outside</em> it, because their event loops take the lock to
 * {@link #register} new connections.
 */
public final class ToxicProxy {
  private static final long AWAIT_SECONDS = 10;
  private static final System.Logger LOG = System.getLogger(ToxicProxy.class.getName());

  private final String name;
  private final ProxyServerContext server;
  private final Set<ProxiedConnection> connections = ConcurrentHashMap.newKeySet();
  private String listen;
  private String upstream;
  private boolean enabled;
  private Channel listener;
  private ToxicSet toxics = ToxicSet.EMPTY;
  private long nextToxicId = 1;
  private final AtomicBoolean upstreamFailing = new AtomicBoolean();

  public ToxicProxy(String name, String listen, String upstream, ProxyServerContext server) {
    this.name = name;
    this.listen = listen;
    this.upstream = upstream;
    this.server = server;
  }

  public String name() {
    return name;
  }

  public synchronized String listen() {
    return listen;
  }

  public synchronized String upstream() {
    return upstream;
  }

  public synchronized boolean enabled() {
    return enabled;
  }

  public synchronized ToxicSet toxics() {
    return toxics;
  }

  /** Open client connections, for tests and diagnostics. */
  public int connectionCount() {
    return connections.size();
  }

  // ---- lifecycle ----

  /** Starts listening; false when already listening. */
  public synchronized boolean start() {
    if (enabled) {
      return false;
    }
    InetSocketAddress address = SocketAddresses.resolve(listen, server.defaultHost());
    ChannelFuture bind =
        new ServerBootstrap()
            .group(server.acceptorGroup(), server.connectionGroup())
            .channel(server.transport().serverChannelClass())
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel client) {
                    ProxiedConnection.accept(ToxicProxy.this, client, server.transport());
                  }
                })
            .bind(address)
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      throw SocketAddresses.listenError(
          SocketAddresses.format(address), BindFailure.reason(bind.cause()));
    }
    listener = bind.channel();
    listen = SocketAddresses.format((InetSocketAddress) listener.localAddress());
    enabled = true;
    return true;
  }

  /** Stops listening and closes every connection (Toxiproxy's disable). */
  public void stop() {
    List<ProxiedConnection> closing;
    synchronized (this) {
      closing = stopLocked();
    }
    awaitClosed(closing);
  }

  /**
   * Toxiproxy's proxy update: a changed listen address or upstream restarts the proxy on it
   * (dropping connections); then {@code enabled} starts or stops it.
   */
  public void update(String newListen, String newUpstream, boolean newEnabled) {
    List<ProxiedConnection> closing = new ArrayList<>();
    synchronized (this) {
      if (differs(newListen, newUpstream)) {
        closing.addAll(stopLocked());
        listen = newListen;
        upstream = newUpstream;
      }
      if (newEnabled && !enabled) {
        start();
      } else if (!newEnabled && enabled) {
        closing.addAll(stopLocked());
      }
    }
    awaitClosed(closing);
  }

  /** Whether another proxy with these addresses would listen or forward elsewhere. */
  public synchronized boolean differs(String otherListen, String otherUpstream) {
    String resolved = SocketAddresses.format(SocketAddresses.resolve(otherListen, server.defaultHost()));
    return !listen.equals(resolved) || !upstream.equals(otherUpstream);
  }

  private List<ProxiedConnection> stopLocked() {
    if (!enabled) {
      return List.of();
    }
    enabled = false;
    listener.close().awaitUninterruptibly();
    listener = null;
    return new ArrayList<>(connections);
  }

  private void awaitClosed(List<ProxiedConnection> closing) {
    List<Future<?>> futures = new ArrayList<>();
    for (ProxiedConnection connection : closing) {
      futures.add(connection.close());
    }
    awaitAll(futures);
  }

  // ---- connections (called on connection event loops) ----

  /** Admits a connection; returns the toxics to start it with, or null when not listening. */
  synchronized ToxicSet register(ProxiedConnection connection) {
    if (!enabled) {
      return null;
    }
    connections.add(connection);
    return toxics;
  }

  void unregister(ProxiedConnection connection) {
    connections.remove(connection);
  }

  /**
   * An upstream dial failed. A killed node makes every client reconnect fail, many times a
   * second: the first failure of a streak is a warning, the rest are debug until one succeeds.
   */
  void upstreamFailed(Throwable cause) {
    Level level = upstreamFailing.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
    LOG.log(level, "proxy {0}: unable to open connection to upstream {1}: {2}{3}", name, upstream(),
        cause.getMessage(), level == Level.WARNING ? " (repeats logged at debug level until it works)" : "");
  }

  void upstreamReached() {
    upstreamFailing.set(false);
  }

  // ---- toxics ----

  /** Whether a toxic of this name exists, in either direction. */
  public synchronized boolean hasToxic(String toxicName) {
    return toxics.find(toxicName).isPresent();
  }

  public synchronized ToxicDefinition toxic(String toxicName) {
    return toxics.find(toxicName).orElseThrow(ToxiproxyApiException::toxicNotFound);
  }

  public ToxicDefinition addToxic(
      String toxicName,
      ToxicType type,
      StreamDirection direction,
      String stream,
      float toxicity,
      ToxicAttributes attributes) {
    ToxicDefinition added;
    synchronized (this) {
      if (toxics.find(toxicName).isPresent()) {
        throw ToxiproxyApiException.toxicAlreadyExists();
      }
      added =
          new ToxicDefinition(
              nextToxicId++, toxicName, type, direction, stream, toxicity, attributes);
      toxics = toxics.plus(added);
    }
    propagateToxics();
    return added;
  }

  public ToxicDefinition updateToxic(String toxicName, ToxicAttributes attributes, float toxicity) {
    ToxicDefinition updated;
    synchronized (this) {
      ToxicDefinition existing = toxic(toxicName);
      updated = existing.withUpdate(attributes, toxicity);
      toxics = toxics.replacing(updated);
    }
    propagateToxics();
    return updated;
  }

  public void removeToxic(String toxicName) {
    synchronized (this) {
      toxics = toxics.minus(toxic(toxicName));
    }
    propagateToxics();
  }

  public void removeAllToxics() {
    synchronized (this) {
      toxics = ToxicSet.EMPTY;
    }
    propagateToxics();
  }

  /**
   * Hands the current toxics to every open connection and waits until each has applied them, so
   * a toxic is in force on open connections when the API answers (as in Toxiproxy).
   */
  private void propagateToxics() {
    ToxicSet snapshot;
    List<ProxiedConnection> open;
    synchronized (this) {
      snapshot = toxics;
      open = new ArrayList<>(connections);
    }
    List<Future<?>> futures = new ArrayList<>();
    for (ProxiedConnection connection : open) {
      futures.add(connection.reconcile(snapshot));
    }
    awaitAll(futures);
  }

  private static void awaitAll(List<? extends Future<?>> futures) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AWAIT_SECONDS);
    for (Future<?> future : futures) {
      long left = Math.max(0, deadline - System.nanoTime());
      future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
    }
  }
}

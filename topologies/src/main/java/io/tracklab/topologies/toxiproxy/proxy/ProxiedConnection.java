package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.lang.System.Logger.Level;

/**
 * A client connection accepted by a proxy and its connection to the upstream: two channels on
 * one event loop and a {@link ToxicLink} per direction. Created when the client is accepted; the
 * upstream is dialled then (as Toxiproxy does), and if that fails the client is closed.
 */
final class ProxiedConnection {
  private static final System.Logger LOG = System.getLogger(ProxiedConnection.class.getName());
  private static final int UPSTREAM_CONNECT_TIMEOUT_MILLIS = 10_000;

  private final ToxicProxy proxy;
  private final Channel client;
  private final RelayHandler clientRelay = new RelayHandler();
  private final RelayHandler upstreamRelay = new RelayHandler();
  private final Promise<Void> closed;
  private Channel upstream;
  private ToxicLink upstreamLink;
  private ToxicLink downstreamLink;

  private ProxiedConnection(ToxicProxy proxy, Channel client) {
    this.proxy = proxy;
    this.client = client;
    this.closed = client.eventLoop().newPromise();
  }

  /** Called on the client channel's event loop as soon as the proxy accepted it. */
  static void accept(ToxicProxy proxy, Channel client, NettyTransport transport) {
    ProxiedConnection connection = new ProxiedConnection(proxy, client);
    client.pipeline().addLast(connection.clientRelay);
    SocketAddresses.HostPort target;
    try {
      target = SocketAddresses.parse(proxy.upstream());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "proxy {0}: bad upstream {1}: {2}", proxy.name(), proxy.upstream(),
          e.getMessage());
      client.close();
      return;
    }
    ChannelFuture connect =
        new Bootstrap()
            .group(client.eventLoop())
            .channel(transport.channelClass())
            .option(ChannelOption.AUTO_READ, false)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, UPSTREAM_CONNECT_TIMEOUT_MILLIS)
            .handler(connection.upstreamRelay)
            .connect(target.host(), target.port());
    client.closeFuture().addListener(f -> connect.cancel(false));
    connect.addListener(f -> connection.upstreamConnected(connect));
  }

  private void upstreamConnected(ChannelFuture connect) {
    if (!connect.isSuccess()) {
      if (!connect.isCancelled()) {
        proxy.upstreamFailed(connect.cause());
      }
      client.close();
      return;
    }
    proxy.upstreamReached();
    upstream = connect.channel();
    ToxicSet toxics = client.isActive() ? proxy.register(this) : null;
    if (toxics == null) {
      client.close();
      upstream.close();
      return;
    }
    upstreamLink = new ToxicLink(client, upstream, this, toxics.upstream());
    downstreamLink = new ToxicLink(upstream, client, this, toxics.downstream());
    clientRelay.bind(upstreamLink, downstreamLink);
    upstreamRelay.bind(downstreamLink, upstreamLink);
    client.closeFuture().addListener(f -> onChannelClosed());
    upstream.closeFuture().addListener(f -> onChannelClosed());
    client.config().setAutoRead(true);
    upstream.config().setAutoRead(true);
  }

  /** Applies the proxy's current toxics; completes once applied on the connection's loop. */
  Future<?> reconcile(ToxicSet toxics) {
    return client.eventLoop().submit(() -> {
      if (upstreamLink != null) {
        upstreamLink.reconcile(toxics.upstream());
        downstreamLink.reconcile(toxics.downstream());
      }
    });
  }

  /** Closes both sides (FIN); completes when both are closed. */
  Future<Void> close() {
    client.eventLoop().execute(() -> {
      client.close();
      if (upstream != null) {
        upstream.close();
      }
    });
    return closed;
  }

  /** Aborts both sides with RST: SO_LINGER 0 makes close() discard unsent data and reset. */
  void reset() {
    for (Channel channel : new Channel[] {client, upstream}) {
      if (channel != null && channel.isOpen()) {
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        channel.close();
      }
    }
  }

  private void onChannelClosed() {
    if (client.isOpen() || upstream.isOpen() || closed.isDone()) {
      return;
    }
    upstreamLink.dispose();
    downstreamLink.dispose();
    proxy.unregister(this);
    closed.trySuccess(null);
  }

  @Override
  public String toString() {
    return proxy.name() + " " + client.remoteAddress() + " -> " + proxy.upstream();
  }
}

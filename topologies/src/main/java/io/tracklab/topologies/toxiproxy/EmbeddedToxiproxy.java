package io.tracklab.topologies.toxiproxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.toxiproxy.api.ApiHttpHandler;
import io.tracklab.topologies.toxiproxy.api.ToxiproxyApi;
import io.tracklab.topologies.toxiproxy.proxy.BindFailure;
import io.tracklab.topologies.toxiproxy.proxy.NettyTransport;
import io.tracklab.topologies.toxiproxy.proxy.ProxyRegistry;
import io.tracklab.topologies.toxiproxy.proxy.ProxyServerContext;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Toxiproxy server in this JVM: the Toxiproxy 2.12 HTTP API and its TCP proxies with
 * Toxiproxy's toxics, so the official toxiproxy-java client drives it exactly as it drives the
 * real one. It exists because this project must run where Docker (and so the Toxiproxy image)
 * is not available.
 *
 * <pre>{@code
 * try (EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.startOnLoopback()) {
 *   ToxiproxyClient client = new ToxiproxyClient(toxiproxy.host(), toxiproxy.port());
 *   ...
 * }
 * }</pre>
 *
 * <p>Threads: one loop serves the API (one request at a time, as calls may wait for connections
 * to apply a change); one loop binds proxies and accepts; a loop per core carries the data.
 * Everything binds to the given host (proxies without a host in their listen address too), by
 * default 127.0.0.1.
 */
public final class EmbeddedToxiproxy implements AutoCloseable {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8474;
  public static final String IO_THREADS_PROPERTY = "tracklab.toxiproxy.ioThreads";

  private final EventLoopGroup apiGroup;
  private final EventLoopGroup acceptorGroup;
  private final EventLoopGroup connectionGroup;
  private final ChannelGroup apiChannels =
      new DefaultChannelGroup("toxiproxy-api", GlobalEventExecutor.INSTANCE);
  private final ProxyRegistry registry = new ProxyRegistry();
  private final ToxiproxyApi api;
  private final NettyTransport transport;
  private final AtomicBoolean closed = new AtomicBoolean();
  private InetSocketAddress address;

  private EmbeddedToxiproxy(String host, NettyTransport transport) {
    this.transport = transport;
    this.apiGroup = transport.newGroup(1, "toxiproxy-api");
    this.acceptorGroup = transport.newGroup(1, "toxiproxy-accept");
    this.connectionGroup = transport.newGroup(ioThreads(), "toxiproxy-io");
    this.api =
        new ToxiproxyApi(
            registry, new ProxyServerContext(transport, acceptorGroup, connectionGroup, host));
  }

  /** Data threads: {@code -Dtracklab.toxiproxy.ioThreads}, default one per core. */
  private static int ioThreads() {
    int threads = Integer.getInteger(IO_THREADS_PROPERTY, Runtime.getRuntime().availableProcessors());
    if (threads < 1) {
      throw new IllegalArgumentException(IO_THREADS_PROPERTY + " must be at least 1, got " + threads);
    }
    return threads;
  }

  /** Starts on {@code 127.0.0.1} with an ephemeral API port: what tests and topologies use. */
  public static EmbeddedToxiproxy startOnLoopback() {
    return start(DEFAULT_HOST, 0);
  }

  /**
   * Starts the server; {@code port} 0 picks a free port ({@link #port()} tells which).
   *
   * @throws TopologyException when the address cannot be bound
   */
  public static EmbeddedToxiproxy start(String host, int port) {
    EmbeddedToxiproxy server = new EmbeddedToxiproxy(host, NettyTransport.detect());
    try {
      server.bind(host, port);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  private void bind(String host, int port) {
    ChannelFuture bind =
        new ServerBootstrap()
            .group(apiGroup)
            .channel(transport.serverChannelClass())
            .childHandler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    apiChannels.add(channel);
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new ApiHttpHandler(api));
                  }
                })
            .bind(host, port)
            .awaitUninterruptibly();
    if (!bind.isSuccess()) {
      throw new TopologyException(
          "cannot start the embedded Toxiproxy server on " + host + ":" + port + ": "
              + BindFailure.reason(bind.cause()) + BindFailure.hint(bind.cause()),
          bind.cause());
    }
    apiChannels.add(bind.channel());
    address = (InetSocketAddress) bind.channel().localAddress();
  }

  /** The host the API listens on. */
  public String host() {
    return address.getAddress().getHostAddress();
  }

  /** The port the API listens on. */
  public int port() {
    return address.getPort();
  }

  /** {@code http://host:port}, the Toxiproxy API base URL. */
  public String apiUrl() {
    String host = host().contains(":") ? "[" + host() + "]" : host();
    return "http://" + host + ":" + port();
  }

  /** "epoll" or "nio". */
  public String transportName() {
    return transport.name();
  }

  /**
   * Creates proxies from Toxiproxy's config-file format (a JSON array of proxies), as
   * {@code POST /populate} does.
   *
   * @throws ToxiproxyApiException when the JSON is bad or a proxy cannot start
   */
  public void populate(byte[] json) {
    ToxiproxyApi.Populated result = api.populateProxies(json);
    if (result.failure() != null) {
      throw result.failure();
    }
  }

  /** Stops every proxy (closing its connections) and the API. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      registry.clear();
    } finally {
      apiChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      for (EventLoopGroup group : new EventLoopGroup[] {apiGroup, acceptorGroup, connectionGroup}) {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
      }
      for (EventLoopGroup group : new EventLoopGroup[] {apiGroup, acceptorGroup, connectionGroup}) {
        group.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
      }
    }
  }
}

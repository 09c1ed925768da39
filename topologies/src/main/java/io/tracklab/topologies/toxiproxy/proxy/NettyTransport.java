package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The Netty transport the server runs on: native epoll where it loads (Linux), NIO elsewhere.
 * {@code -Dtracklab.toxiproxy.transport=nio|epoll} forces one, e.g. to benchmark both.
 */
public record NettyTransport(
    String name,
    Supplier<IoHandlerFactory> ioHandlerFactory,
    Class<? extends ServerChannel> serverChannelClass,
    Class<? extends Channel> channelClass) {

  public static final String TRANSPORT_PROPERTY = "tracklab.toxiproxy.transport";

  public static NettyTransport detect() {
    String forced = System.getProperty(TRANSPORT_PROPERTY, "").trim().toLowerCase(Locale.ROOT);
    switch (forced) {
      case "nio":
        return nio();
      case "epoll":
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException(
              TRANSPORT_PROPERTY + "=epoll, but native epoll is unavailable: "
                  + Epoll.unavailabilityCause());
        }
        return epoll();
      case "":
        return Epoll.isAvailable() ? epoll() : nio();
      default:
        throw new IllegalArgumentException(
            TRANSPORT_PROPERTY + " must be 'nio' or 'epoll', got '" + forced + "'");
    }
  }

  private static NettyTransport nio() {
    return new NettyTransport(
        "nio", NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);
  }

  private static NettyTransport epoll() {
    return new NettyTransport(
        "epoll", EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class);
  }

  /** An event loop group of daemon threads named {@code threadName-N}. */
  public EventLoopGroup newGroup(int threads, String threadName) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(threadName, true), ioHandlerFactory.get());
  }
}

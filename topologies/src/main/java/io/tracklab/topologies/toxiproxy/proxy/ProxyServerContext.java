package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.channel.EventLoopGroup;

/**
 * What every proxy of one server shares: the transport, the acceptor loop (binds and accepts
 * only), the connection loops (all data), and the host a listen address without one binds to.
 */
public record ProxyServerContext(
    NettyTransport transport,
    EventLoopGroup acceptorGroup,
    EventLoopGroup connectionGroup,
    String defaultHost) {}

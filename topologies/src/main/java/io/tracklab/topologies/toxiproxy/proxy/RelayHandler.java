package io.tracklab.topologies.toxiproxy.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.lang.System.Logger.Level;

/**
 * Sits on each of a connection's two channels and forwards its events to the link that reads
 * from the channel and to the link that writes to it. Until both links exist (the upstream is
 * still connecting) the channel does not read, so nothing is lost.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(RelayHandler.class.getName());

  private ToxicLink readBy;
  private ToxicLink writtenBy;

  void bind(ToxicLink readBy, ToxicLink writtenBy) {
    this.readBy = readBy;
    this.writtenBy = writtenBy;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (readBy == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    readBy.onRead((ByteBuf) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (readBy != null) {
      readBy.onReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (readBy != null) {
      readBy.onSourceClosed();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (writtenBy != null) {
      writtenBy.onDestinationWritabilityChanged();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Peers resetting or vanishing is what a chaos proxy sees all day: close, do not shout.
    LOG.log(Level.DEBUG, () -> "closing " + ctx.channel() + ": " + cause);
    ctx.close();
  }
}

package io.tracklab.topologies.toxiproxy.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.lang.System.Logger.Level;

/** Carries {@link ToxiproxyApi} over Netty's HTTP codec; keep-alive aware. */
@ChannelHandler.Sharable
public final class ApiHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final System.Logger LOG = System.getLogger(ApiHttpHandler.class.getName());

  private final ToxiproxyApi api;

  public ApiHttpHandler(ToxiproxyApi api) {
    this.api = api;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    ApiResponse response;
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (request.decoderResult().isFailure()) {
      response = ApiResponse.text(400, "400 Bad Request\n");
      keepAlive = false;
    } else {
      String path = new QueryStringDecoder(request.uri()).path();
      String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT, "");
      response =
          api.handle(new ApiRequest(
              request.method().name(), path, ByteBufUtil.getBytes(request.content()), userAgent));
    }
    FullHttpResponse http =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(response.status()),
            Unpooled.wrappedBuffer(response.body()));
    if (response.contentType() != null) {
      http.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
    }
    if (response.status() != 204) {
      http.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length);
    }
    if (keepAlive) {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(http);
    } else {
      http.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(http).addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.DEBUG, () -> "closing API connection " + ctx.channel() + ": " + cause);
    ctx.close();
  }
}

package io.tracklab.topologies.toxiproxy.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.toxiproxy.proxy.ToxiproxyApiException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {
  @Test
  void parse_hostPort_ipv6InBrackets_andBarePort() {
    assertThat(SocketAddresses.parse("127.0.0.1:8474")).isEqualTo(new SocketAddresses.HostPort("127.0.0.1", 8474));
    assertThat(SocketAddresses.parse("[::1]:0")).isEqualTo(new SocketAddresses.HostPort("::1", 0));
    assertThat(SocketAddresses.parse(":6379")).isEqualTo(new SocketAddresses.HostPort("", 6379));
    assertThat(SocketAddresses.parse("localhost:1")).isEqualTo(new SocketAddresses.HostPort("localhost", 1));
  }

  @Test
  void parse_rejectsWhatGoRejects_withTheAddressInTheMessage() {
    assertThatThrownBy(() -> SocketAddresses.parse("localhost"))
        .isInstanceOf(ToxiproxyApiException.class)
        .hasMessage("listen tcp localhost: missing port in address");
    assertThatThrownBy(() -> SocketAddresses.parse("::1:80"))
        .hasMessage("listen tcp ::1:80: too many colons in address");
    assertThatThrownBy(() -> SocketAddresses.parse("host:http"))
        .hasMessage("listen tcp host:http: unknown port http");
    assertThatThrownBy(() -> SocketAddresses.parse("host:70000"))
        .hasMessage("listen tcp host:70000: invalid port 70000");
  }

  @Test
  void resolve_emptyHostMeansTheServersHost_emptyAddressAnEphemeralPort() {
    assertThat(SocketAddresses.resolve(":0", "127.0.0.1").getAddress().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(SocketAddresses.resolve("", "127.0.0.1"))
        .isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
  }

  @Test
  void format_likeGo() throws Exception {
    assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80)))
        .isEqualTo("127.0.0.1:80");
    assertThat(SocketAddresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 80)))
        .isEqualTo("[0:0:0:0:0:0:0:1]:80");
  }
}

package io.tracklab.topologies.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.testing.LocalServersExtension;
import io.tracklab.topologies.testing.RespSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The data plane against a real redis-server behind an embedded-Toxiproxy proxy, driven by the
 * official toxiproxy-java client. Each test has its own proxy.
 */
@ExtendWith(LocalServersExtension.class)
class ToxicsAgainstRedisIT {
  private static RedisServerProcess redis;
  private static ToxiproxyClient toxiproxy;
  private static RedisClient lettuce;
  private static StatefulRedisConnection<String, String> direct;

  private Proxy proxy;
  private int proxyPort;

  @BeforeAll
  static void startClients(RedisServerProcess redisServer, EmbeddedToxiproxy server) {
    redis = redisServer;
    toxiproxy = new ToxiproxyClient(server.host(), server.port());
    lettuce = RedisClient.create();
    direct = lettuce.connect(RedisURI.create(redis.host(), redis.port()));
  }

  @AfterAll
  static void stopClients() {
    direct.close();
    lettuce.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @BeforeEach
  void createProxy() throws IOException {
    proxy = toxiproxy.createProxy("redis-" + UUID.randomUUID(), "127.0.0.1:0", redis.address());
    proxyPort = port(proxy.getListen());
  }

  @AfterEach
  void deleteProxy() throws IOException {
    proxy.delete();
  }

  private static int port(String listen) {
    return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
  }

  private StatefulRedisConnection<String, String> throughProxy() {
    RedisURI uri = RedisURI.create("127.0.0.1", proxyPort);
    uri.setTimeout(Duration.ofSeconds(5));
    return lettuce.connect(uri);
  }

  /** Median PING round trip in milliseconds over {@code samples} pings. */
  private static double medianPingMillis(StatefulRedisConnection<String, String> connection, int samples) {
    return medianPingMillis(connection, samples, 0);
  }

  /**
   * Median PING round trip, with {@code pauseMillis} of idle before each ping. A round trip after
   * idle time costs more than a back-to-back one (threads and CPUs wake up), so a baseline for a
   * delayed round trip must idle as long as the delay.
   */
  private static double medianPingMillis(
      StatefulRedisConnection<String, String> connection, int samples, long pauseMillis) {
    double[] millis = new double[samples];
    for (int i = 0; i < samples; i++) {
      if (pauseMillis > 0) {
        sleep(pauseMillis);
      }
      long start = System.nanoTime();
      connection.sync().ping();
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(millis);
    return millis[samples / 2];
  }

  @ParameterizedTest
  @EnumSource(ToxicDirection.class)
  void latency_addsItsDelayToTheRoundTrip_onOpenConnections_untilRemoved(ToxicDirection direction)
      throws IOException {
    try (StatefulRedisConnection<String, String> connection = throughProxy()) {
      medianPingMillis(connection, 20); // warm up
      double before = medianPingMillis(connection, 21, 50);

      proxy.toxics().latency("lag", direction, 50);
      double with = medianPingMillis(connection, 21);
      System.out.printf(java.util.Locale.ROOT, "latency 50 ms %s: median PING %.2f ms -> %.2f ms (+%.2f)%n",
          direction, before, with, with - before);
      assertThat(with - before).isCloseTo(50.0, within(2.0));

      proxy.toxics().get("lag").remove();
      double after = medianPingMillis(connection, 21, 50);
      assertThat(after).isCloseTo(before, within(2.0));
    }
  }

  /**
   * Direction: a SET sent through the proxy becomes visible to a direct reader after the upstream
   * delay, while its reply arrives after upstream + downstream delay.
   */
  @ParameterizedTest
  @EnumSource(ToxicDirection.class)
  void latency_delaysOnlyItsOwnDirection(ToxicDirection direction) throws Exception {
    try (StatefulRedisConnection<String, String> connection = throughProxy()) {
      connection.sync().ping();
      proxy.toxics().latency("lag", direction, 80);
      String key = "direction-" + UUID.randomUUID();

      long start = System.nanoTime();
      RedisFuture<String> reply = connection.async().set(key, "v");
      long deadline = start + TimeUnit.SECONDS.toNanos(5);
      while (direct.sync().get(key) == null && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      double visibleMillis = (System.nanoTime() - start) / 1e6;
      reply.get(5, TimeUnit.SECONDS);
      double replyMillis = (System.nanoTime() - start) / 1e6;
      System.out.printf(java.util.Locale.ROOT, "latency 80 ms %s: SET visible after %.1f ms, reply after %.1f ms%n",
          direction, visibleMillis, replyMillis);

      assertThat(replyMillis).isGreaterThanOrEqualTo(78.0);
      if (direction == ToxicDirection.UPSTREAM) {
        assertThat(visibleMillis).isGreaterThanOrEqualTo(78.0);
      } else {
        assertThat(visibleMillis).isLessThan(40.0);
      }
    }
  }

  @Test
  void latency_withToxicityZero_addsNothing() throws IOException {
    try (StatefulRedisConnection<String, String> connection = throughProxy()) {
      proxy.toxics().latency("never", ToxicDirection.DOWNSTREAM, 200).setToxicity(0f);
      assertThat(medianPingMillis(connection, 11)).isLessThan(20.0);
    }
  }

  @Test
  void timeoutZero_makesRequestsHangWithoutClosingTheConnection_andRemovingItCloses()
      throws IOException {
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
      int clientsBefore = connectedClients();

      proxy.toxics().timeout("partition", ToxicDirection.UPSTREAM, 0);
      socket.readTimeout(Duration.ofMillis(1500)).send("PING");
      // no reply and no EOF: the read times out on a connection that is still open
      assertThatThrownBy(socket::readByte).isInstanceOf(SocketTimeoutException.class);
      assertThat(connectedClients()).isEqualTo(clientsBefore);

      // As in Toxiproxy, removing a timeout toxic closes the connections it held.
      proxy.toxics().get("partition").remove();
      socket.readTimeout(Duration.ofSeconds(5));
      assertThat(socket.readByte()).isEqualTo(-1);
    }
  }

  @Test
  void timeoutPositive_closesTheConnectionAfterTheTimeout() throws IOException {
    proxy.toxics().timeout("slow-death", ToxicDirection.DOWNSTREAM, 300);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      long start = System.nanoTime();
      socket.send("PING");
      assertThat(socket.readByte()).isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(280.0);
    }
  }

  @Test
  void resetPeer_resetsTheConnection_whetherAddedBeforeOrAfterItOpened() throws IOException {
    try (RespSocket open = RespSocket.connect("127.0.0.1", proxyPort)) {
      open.send("PING");
      assertThat(open.read()).isEqualTo("PONG");
      proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
      open.send("PING");
      assertThatThrownBy(open::readByte)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    try (RespSocket fresh = RespSocket.connect("127.0.0.1", proxyPort)) {
      fresh.send("PING");
      assertThatThrownBy(fresh::readByte)
          .isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
  }

  @Test
  void bandwidth_limitsThroughputToTheRate() throws IOException {
    String key = "big-" + UUID.randomUUID();
    int size = 1_000_000;
    direct.sync().set(key, "x".repeat(size));
    long rateKilobytes = 1000; // 1 MB/s
    proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, rateKilobytes);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.send("PING");
      socket.read();
      long start = System.nanoTime();
      socket.send("GET", key);
      Object value = socket.read();
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(value).asString().hasSize(size);
      double bytesPerSecond = (size + 16) / seconds;
      System.out.printf(java.util.Locale.ROOT, "bandwidth %d KB/s: %d bytes in %.3f s = %.0f B/s%n",
          rateKilobytes, size, seconds, bytesPerSecond);
      assertThat(bytesPerSecond).isCloseTo(rateKilobytes * 1000.0, within(rateKilobytes * 1000.0 * 0.2));
    }
  }

  @Test
  void limitData_closesAfterExactlyThatManyBytes() throws IOException {
    proxy.toxics().limitData("ten-bytes", ToxicDirection.DOWNSTREAM, 10);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.sendRaw("PING\r\nPING\r\nPING\r\n");
      byte[] received = socket.readToEof();
      assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n+PO");
    }
  }

  @Test
  void slowClose_delaysTheCloseButNotTheData() throws IOException {
    proxy.toxics().slowClose("linger", ToxicDirection.DOWNSTREAM, 400);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      long start = System.nanoTime();
      socket.send("QUIT");
      assertThat(socket.read()).isEqualTo("OK");
      double replyMillis = (System.nanoTime() - start) / 1e6;
      assertThat(socket.readByte()).isEqualTo(-1);
      double closeMillis = (System.nanoTime() - start) / 1e6;
      assertThat(replyMillis).isLessThan(200.0);
      assertThat(closeMillis).isGreaterThanOrEqualTo(390.0);
    }
  }

  @Test
  void slicer_deliversEveryByteInSlicesOverTime() throws IOException {
    String key = "sliced-" + UUID.randomUUID();
    String value = "0123456789".repeat(1000);
    direct.sync().set(key, value);
    proxy.toxics().slicer("chop", ToxicDirection.DOWNSTREAM, 100, 500).setSizeVariation(20);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      long start = System.nanoTime();
      socket.send("GET", key);
      assertThat(socket.read()).isEqualTo(value);
      // about 100 slices 500 µs apart
      assertThat((System.nanoTime() - start) / 1e6).isGreaterThanOrEqualTo(40.0);
    }
  }

  @Test
  void disable_closesOpenConnectionsAndRefusesNew_enableListensOnTheSameAddress()
      throws IOException {
    String listen = proxy.getListen();
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
      proxy.disable();
      assertThat(proxy.isEnabled()).isFalse();
      assertThat(socket.readByte()).isEqualTo(-1);
    }
    assertThatThrownBy(() -> new Socket("127.0.0.1", proxyPort).close())
        .isInstanceOf(ConnectException.class);

    proxy.enable();
    assertThat(proxy.getListen()).isEqualTo(listen);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
    }
  }

  @Test
  void manyConnectionsShareOneProxy() throws IOException {
    List<RespSocket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        sockets.add(RespSocket.connect("127.0.0.1", proxyPort));
      }
      for (int i = 0; i < sockets.size(); i++) {
        sockets.get(i).send("ECHO", "connection-" + i);
      }
      for (int i = 0; i < sockets.size(); i++) {
        assertThat(sockets.get(i).read()).isEqualTo("connection-" + i);
      }
    } finally {
      for (RespSocket socket : sockets) {
        socket.close();
      }
    }
  }

  @Test
  void upstreamThatRefuses_closesTheClient_andTheProxyKeepsServing() throws IOException {
    Proxy nowhere = toxiproxy.createProxy("nowhere-" + UUID.randomUUID(), "127.0.0.1:0",
        "127.0.0.1:" + io.tracklab.topologies.local.LocalPorts.pickFree());
    try (RespSocket socket = RespSocket.connect("127.0.0.1", port(nowhere.getListen()))) {
      // nothing sent: closing a socket with unread input would be a reset, not an EOF
      assertThat(socket.readByte()).isEqualTo(-1);
    } finally {
      nowhere.delete();
    }
    try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static int connectedClients() {
    String info = direct.sync().info("clients");
    for (String line : info.split("\r\n")) {
      if (line.startsWith("connected_clients:")) {
        return Integer.parseInt(line.substring("connected_clients:".length()).trim());
      }
    }
    throw new AssertionError("no connected_clients in INFO clients: " + info);
  }
}

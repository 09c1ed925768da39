package io.tracklab.topologies.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.testing.LocalServersExtension;
import io.tracklab.topologies.testing.RespSocket;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control plane as the official toxiproxy-java 2.1.11 client sees it: every call it makes,
 * every toxic type it knows, and its error messages.
 */
@ExtendWith(LocalServersExtension.class)
class ToxiproxyJavaClientIT {
  private static ToxiproxyClient client;
  private static EmbeddedToxiproxy server;
  private static RedisServerProcess redis;
  private final String prefix = "client-" + UUID.randomUUID() + "-";

  @BeforeAll
  static void connect(EmbeddedToxiproxy toxiproxy, RedisServerProcess redisServer) {
    server = toxiproxy;
    client = new ToxiproxyClient(server.host(), server.port());
    redis = redisServer;
  }

  @AfterEach
  void deleteOwnProxies() throws IOException {
    for (Proxy proxy : client.getProxies()) {
      if (proxy.getName().startsWith(prefix)) {
        proxy.delete();
      }
    }
  }

  private Proxy create(String name) throws IOException {
    return client.createProxy(prefix + name, "127.0.0.1:0", redis.address());
  }

  private static int port(Proxy proxy) {
    return Integer.parseInt(proxy.getListen().substring(proxy.getListen().lastIndexOf(':') + 1));
  }

  private static void assertForwards(Proxy proxy) throws IOException {
    try (RespSocket socket = RespSocket.connect("127.0.0.1", port(proxy))) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
    }
  }

  @Test
  void version_isToxiproxy212() throws IOException {
    assertThat(client.version()).isEqualTo("{\"version\": \"2.12.0\"}");
  }

  @Test
  void createProxy_onPortZero_reportsTheEphemeralPortItListensOn() throws IOException {
    Proxy proxy = create("ephemeral");
    assertThat(proxy.getName()).isEqualTo(prefix + "ephemeral");
    assertThat(proxy.getUpstream()).isEqualTo(redis.address());
    assertThat(proxy.isEnabled()).isTrue();
    assertThat(proxy.getListen()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:0");
    assertForwards(proxy);
  }

  @Test
  void proxies_areListedAndFetchedByName() throws IOException {
    create("b");
    create("a");
    List<String> names = client.getProxies().stream().map(Proxy::getName)
        .filter(name -> name.startsWith(prefix)).toList();
    assertThat(names).containsExactly(prefix + "a", prefix + "b");
    Proxy fetched = client.getProxy(prefix + "a");
    assertThat(fetched.getUpstream()).isEqualTo(redis.address());
    assertThat(client.getProxyOrNull(prefix + "missing")).isNull();
  }

  @Test
  void proxyUpdates_upstreamListenDisableEnable() throws IOException {
    Proxy proxy = create("updated");
    String listen = proxy.getListen();

    proxy.setUpstream("127.0.0.1:1");
    assertThat(proxy.getUpstream()).isEqualTo("127.0.0.1:1");
    proxy.setUpstream(redis.address());

    proxy.disable();
    assertThat(proxy.isEnabled()).isFalse();
    assertThat(client.getProxy(prefix + "updated").isEnabled()).isFalse();
    proxy.enable();
    assertThat(proxy.isEnabled()).isTrue();
    assertThat(proxy.getListen()).isEqualTo(listen);
    assertForwards(proxy);

    proxy.setListen("127.0.0.1:0");
    assertThat(proxy.getListen()).isNotEqualTo(listen).isNotEqualTo("127.0.0.1:0");
    assertForwards(proxy);
  }

  @Test
  void deleteProxy_stopsItAndForgetsIt() throws IOException {
    Proxy proxy = create("deleted");
    proxy.delete();
    assertThat(client.getProxyOrNull(prefix + "deleted")).isNull();
    assertThatThrownBy(() -> RespSocket.connect("127.0.0.1", port(proxy)))
        .isInstanceOf(java.net.ConnectException.class);
  }

  @Test
  void everyToxicType_isCreatedReadUpdatedAndRemoved() throws IOException {
    Proxy proxy = create("toxics");
    Latency latency = proxy.toxics().latency("latency", ToxicDirection.DOWNSTREAM, 100);
    latency.setJitter(15).setLatency(120);
    Bandwidth bandwidth = proxy.toxics().bandwidth("bandwidth", ToxicDirection.UPSTREAM, 500);
    bandwidth.setRate(250);
    Slicer slicer = proxy.toxics().slicer("slicer", ToxicDirection.DOWNSTREAM, 64, 10);
    slicer.setSizeVariation(8).setAverageSize(32).setDelay(20);
    SlowClose slowClose = proxy.toxics().slowClose("slow_close", ToxicDirection.UPSTREAM, 300);
    slowClose.setDelay(350);
    Timeout timeout = proxy.toxics().timeout("timeout", ToxicDirection.DOWNSTREAM, 0);
    timeout.setTimeout(1000);
    LimitData limitData = proxy.toxics().limitData("limit_data", ToxicDirection.UPSTREAM, 1024);
    limitData.setBytes(2048);
    ResetPeer resetPeer = proxy.toxics().resetPeer("reset_peer", ToxicDirection.DOWNSTREAM, 0);
    resetPeer.setTimeout(50);
    resetPeer.setToxicity(0.5f);

    assertThat(proxy.toxics().get("latency", Latency.class))
        .returns(120L, Latency::getLatency).returns(15L, Latency::getJitter)
        .returns(ToxicDirection.DOWNSTREAM, Toxic::getStream).returns(1.0f, Toxic::getToxicity);
    assertThat(proxy.toxics().get("bandwidth", Bandwidth.class).getRate()).isEqualTo(250);
    assertThat(proxy.toxics().get("slicer", Slicer.class))
        .returns(32L, Slicer::getAverageSize).returns(8L, Slicer::getSizeVariation)
        .returns(20L, Slicer::getDelay);
    assertThat(proxy.toxics().get("slow_close", SlowClose.class).getDelay()).isEqualTo(350);
    assertThat(proxy.toxics().get("timeout", Timeout.class).getTimeout()).isEqualTo(1000);
    assertThat(proxy.toxics().get("limit_data", LimitData.class).getBytes()).isEqualTo(2048);
    assertThat(proxy.toxics().get("reset_peer", ResetPeer.class))
        .returns(50L, ResetPeer::getTimeout).returns(0.5f, Toxic::getToxicity);

    // Toxiproxy lists upstream toxics first, then downstream, each in the order added.
    assertThat(proxy.toxics().getAll()).extracting(Toxic::getName).containsExactly(
        "bandwidth", "slow_close", "limit_data", "latency", "slicer", "timeout", "reset_peer");

    for (Toxic toxic : proxy.toxics().getAll()) {
      toxic.remove();
    }
    assertThat(proxy.toxics().getAll()).isEmpty();
  }

  @Test
  void reset_reenablesProxiesAndRemovesAllToxics() throws IOException {
    Proxy proxy = create("reset");
    proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 1000);
    proxy.disable();

    // A client of its own: toxiproxy-java's reset() also re-reads every proxy that client ever
    // created, and other tests' proxies are gone (real Toxiproxy would 404 them the same way).
    new ToxiproxyClient(server.host(), server.port()).reset();

    Proxy after = client.getProxy(prefix + "reset");
    assertThat(after.isEnabled()).isTrue();
    assertThat(after.toxics().getAll()).isEmpty();
    assertForwards(after);
  }

  @Test
  void errors_carryToxiproxysStatusAndMessage() throws IOException {
    Proxy proxy = create("errors");
    proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 10);

    assertThatThrownBy(() -> create("errors")).hasMessage("[409] proxy already exists");
    assertThatThrownBy(() -> client.getProxy(prefix + "missing")).hasMessage("[404] proxy not found");
    assertThatThrownBy(() -> proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 10))
        .hasMessage("[409] toxic already exists");
    assertThatThrownBy(() -> proxy.toxics().get("missing")).hasMessage("[404] toxic not found");
    assertThatThrownBy(() -> client.createProxy(prefix + "no-upstream", "127.0.0.1:0", ""))
        .hasMessage("[400] missing required field: upstream");
    String taken = proxy.getListen();
    assertThatThrownBy(() -> client.createProxy(prefix + "taken", taken, redis.address()))
        .hasMessage("[500] listen tcp " + taken + ": bind: address already in use");

    // nothing above harmed the server or the proxy
    assertForwards(proxy);
  }
}

package io.tracklab.topologies.containers;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.local.LocalPorts;
import io.tracklab.topologies.node.ProxyServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import org.testcontainers.containers.GenericContainer;

/**
 * Toxiproxy as a container on the host network listening on 127.0.0.1 (a free API port; proxies
 * on 127.0.0.1 too): the real one, or the embedded Toxiproxy-API server's image, which takes the
 * same {@code -host=}/{@code -port=} flags. Testcontainers' {@code ToxiproxyContainer} assumes a bridge
 * network and mapped ports, so this runs the same image as a plain container (see
 * {@link HostNetwork} for why the host network).
 */
final class ToxiproxyContainerServer implements ProxyServer {
  private static final int START_ATTEMPTS = 3;

  private final GenericContainer<?> container;
  private final ToxiproxyClient client;

  private final String url;

  private ToxiproxyContainerServer(GenericContainer<?> container, int port) {
    this.container = container;
    this.client = new ToxiproxyClient("127.0.0.1", port);
    this.url = "http://127.0.0.1:" + port;
  }

  /** Starts the container on a free API port (another one if that was taken meanwhile). */
  static ToxiproxyContainerServer start(ImageSource image, String runName) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = LocalPorts.pickFree();
      GenericContainer<?> candidate = image.container()
          .withNetworkMode("host")
          .withLabels(ContainerOwner.labels(runName))
          .withCommand("-host=127.0.0.1", "-port=" + port)
          .waitingFor(new LoopbackReady("Toxiproxy (API on 127.0.0.1:" + port + ")",
              () -> answersVersion(port), "docker logs of the " + image.name() + " container"));
      try {
        candidate.start();
        ContainerOwner.opened(candidate.getDockerClient(), candidate.getContainerId());
        return new ToxiproxyContainerServer(candidate, port);
      } catch (RuntimeException e) {
        ContainerStop.stop(candidate);
        last = e;
      }
    }
    throw new TopologyException("the Toxiproxy container (" + image.name() + ") did not start: " + last.getMessage(), last);
  }

  private static boolean answersVersion(int port) {
    try {
      HttpURLConnection connection =
          (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/version").toURL().openConnection();
      connection.setConnectTimeout(200);
      connection.setReadTimeout(500);
      try {
        return connection.getResponseCode() == 200;
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public ToxiproxyClient client() {
    return client;
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public void close() {
    ContainerStop.stop(container);
  }
}

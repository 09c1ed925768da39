package io.tracklab.topologies.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.testing.LocalServersExtension;
import io.tracklab.topologies.testing.RespSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The standalone server jar, run as users run it: a separate JVM, stopped by a signal. */
@ExtendWith(LocalServersExtension.class)
class ToxiproxyServerCommandIT {
  private static final Path JAR = Path.of("target", "tracklab-toxiproxy.jar");
  private static final Pattern LISTENING =
      Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");

  private static Process launch(String... arguments) throws IOException {
    assertThat(JAR).as("built by the package phase").exists();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
    command.addAll(List.of(arguments));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void runsUntilSigterm_thenClosesEveryProxyAndExits(RedisServerProcess redis) throws Exception {
    Process server = launch("--port", "0");
    try {
      BufferedReader output = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Matcher matcher = awaitBanner(output);
      int apiPort = Integer.parseInt(matcher.group(1));

      ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", apiPort);
      Proxy proxy = client.createProxy("redis", "127.0.0.1:0", redis.address());
      int proxyPort = Integer.parseInt(proxy.getListen().split(":")[1]);
      try (RespSocket socket = RespSocket.connect("127.0.0.1", proxyPort)) {
        socket.send("PING");
        assertThat(socket.read()).isEqualTo("PONG");
      }

      server.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our pipe
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(server.exitValue()).isEqualTo(143);
      assertThat(output.readLine()).isEqualTo("tracklab-toxiproxy stopped");
      assertRefused(apiPort);
      assertRefused(proxyPort);
    } finally {
      server.destroyForcibly();
    }
  }

  @Test
  void portInUse_exits3_namingTheAddress() throws Exception {
    try (EmbeddedToxiproxy taken = EmbeddedToxiproxy.startOnLoopback()) {
      Process server = launch("--port", String.valueOf(taken.port()));
      assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
      String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(server.exitValue()).isEqualTo(3);
      assertThat(output).contains("127.0.0.1:" + taken.port()).contains("address already in use");
    }
  }

  @Test
  void badConfigFile_exits2_withToxiproxysMessage(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("toxiproxy.json");
    Files.writeString(config, "[{\"name\": \"no-upstream\"}]");
    Process server = launch("--port", "0", "--config", config.toString());
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(server.exitValue()).isEqualTo(2);
    assertThat(output).contains(config.toString()).contains("missing required field: upstream at proxy 1");
  }

  /** The "listening on" line; JVM warnings may come first. */
  private static Matcher awaitBanner(BufferedReader output) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (int line = 0; line < 20; line++) {
      String text = output.readLine();
      if (text == null) {
        break;
      }
      seen.append(text).append('\n');
      Matcher matcher = LISTENING.matcher(text);
      if (matcher.find()) {
        return matcher;
      }
    }
    throw new AssertionError("no 'listening on' banner in:\n" + seen);
  }

  private static void assertRefused(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      throw new AssertionError("127.0.0.1:" + port + " still accepts connections");
    } catch (ConnectException expected) {
      // closed, as it should be
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

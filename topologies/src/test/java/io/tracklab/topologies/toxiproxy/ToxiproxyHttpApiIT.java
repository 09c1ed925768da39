package io.tracklab.topologies.toxiproxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.topologies.local.RedisServerProcess;
import io.tracklab.topologies.testing.LocalServersExtension;
import io.tracklab.topologies.testing.RespSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The HTTP API byte for byte where clients depend on it: status codes, JSON shapes, defaults,
 * error bodies, and that bad input never hurts the server or an unrelated proxy. Requests carry
 * no content type, as toxiproxy-java's do.
 */
@ExtendWith(LocalServersExtension.class)
class ToxiproxyHttpApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static EmbeddedToxiproxy server;
  private static RedisServerProcess redis;
  private final String prefix = "http-" + UUID.randomUUID() + "-";
  private final List<String> created = new ArrayList<>();

  @BeforeAll
  static void start(EmbeddedToxiproxy toxiproxy, RedisServerProcess redisServer) {
    server = toxiproxy;
    redis = redisServer;
  }

  @AfterEach
  void deleteCreated() throws Exception {
    for (String name : created) {
      call("DELETE", "/proxies/" + name, null);
    }
  }

  record Reply(int status, String contentType, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private static Reply call(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""), response.body());
  }

  private String createProxy(String name) throws Exception {
    String full = prefix + name;
    Reply reply = call("POST", "/proxies",
        "{\"name\":\"" + full + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + redis.address() + "\"}");
    assertThat(reply.status()).isEqualTo(201);
    created.add(full);
    return full;
  }

  private static void assertError(Reply reply, int status, String message) throws IOException {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.json().get("error").asText()).isEqualTo(message);
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
  }

  @Test
  void createProxy_is201_withToxiproxysShape() throws Exception {
    String name = prefix + "shape";
    Reply reply = call("POST", "/proxies",
        "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + redis.address() + "\"}");
    created.add(name);
    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.contentType()).isEqualTo("application/json");
    JsonNode proxy = reply.json();
    assertThat(proxy.fieldNames()).toIterable()
        .containsExactly("name", "listen", "upstream", "enabled", "toxics");
    assertThat(proxy.get("enabled").asBoolean()).isTrue();
    assertThat(proxy.get("toxics").isArray()).isTrue();
  }

  @Test
  void createToxic_is200_withDefaults_nameTypeUnderscoreStream_downstream_toxicity1() throws Exception {
    String proxy = createProxy("defaults");
    Reply reply = call("POST", "/proxies/" + proxy + "/toxics",
        "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");
    assertThat(reply.status()).isEqualTo(200);
    JsonNode toxic = reply.json();
    assertThat(toxic.fieldNames()).toIterable()
        .containsExactly("attributes", "name", "type", "stream", "toxicity");
    assertThat(toxic.get("name").asText()).isEqualTo("latency_downstream");
    assertThat(toxic.get("stream").asText()).isEqualTo("downstream");
    assertThat(reply.body()).contains("\"toxicity\":1}");
    assertThat(toxic.get("attributes").toString()).isEqualTo("{\"latency\":5,\"jitter\":0}");
  }

  @Test
  void toxicUpdate_acceptsPatch_andKeepsWhatTheBodyLeavesOut() throws Exception {
    String proxy = createProxy("patch");
    call("POST", "/proxies/" + proxy + "/toxics",
        "{\"name\":\"t\",\"type\":\"latency\",\"attributes\":{\"latency\":5,\"jitter\":2}}");
    Reply reply = call("PATCH", "/proxies/" + proxy + "/toxics/t", "{\"attributes\":{\"latency\":9}}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().get("attributes").toString()).isEqualTo("{\"latency\":9,\"jitter\":2}");
    Reply proxyPatch = call("PATCH", "/proxies/" + proxy, "{\"enabled\":false}");
    assertThat(proxyPatch.json().get("enabled").asBoolean()).isFalse();
  }

  @Test
  void deleteAndReset_are204() throws Exception {
    String proxy = createProxy("no-content");
    call("POST", "/proxies/" + proxy + "/toxics", "{\"type\":\"timeout\"}");
    assertThat(call("DELETE", "/proxies/" + proxy + "/toxics/timeout_downstream", null).status())
        .isEqualTo(204);
    assertThat(call("POST", "/reset", null).status()).isEqualTo(204);
    assertThat(call("DELETE", "/proxies/" + proxy, null).status()).isEqualTo(204);
    created.remove(proxy);
  }

  @Test
  void listProxies_isAnObjectKeyedByNameInSortedOrder() throws Exception {
    createProxy("zulu");
    createProxy("alpha");
    createProxy("mike");
    JsonNode index = call("GET", "/proxies", null).json();
    List<String> ours = new ArrayList<>();
    index.fieldNames().forEachRemaining(name -> {
      if (name.startsWith(prefix)) {
        ours.add(name.substring(prefix.length()));
      }
    });
    assertThat(ours).containsExactly("alpha", "mike", "zulu");
  }

  @Test
  void populate_createsProxies_andKeepsUnchangedOnes() throws Exception {
    String name = prefix + "populated";
    created.add(name);
    String body = "[{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + redis.address() + "\"}]";
    Reply first = call("POST", "/populate", body);
    assertThat(first.status()).isEqualTo(201);
    String listen = first.json().get("proxies").get(0).get("listen").asText();
    String same = "[{\"name\":\"" + name + "\",\"listen\":\"" + listen + "\",\"upstream\":\"" + redis.address() + "\"}]";
    Reply second = call("POST", "/populate", same);
    assertThat(second.json().get("proxies").get(0).get("listen").asText()).isEqualTo(listen);

    assertError(call("POST", "/populate", "[{\"name\":\"x\"}]"), 400,
        "missing required field: upstream at proxy 1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      missing name          | {"upstream":"127.0.0.1:1"}                         | 400 | missing required field: name
      missing upstream      | {"name":"u"}                                       | 400 | missing required field: upstream
      empty body            |                                                    | 400 | bad request body: EOF
      """)
  void createProxy_badInput(String caseName, String body, int status, String message) throws Exception {
    assertError(call("POST", "/proxies", body == null ? "" : body), status, message);
  }

  @Test
  void badJson_andWrongTypes_are400BadRequestBody() throws Exception {
    Reply malformed = call("POST", "/proxies", "{\"name\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("error").asText()).startsWith("bad request body: ");

    Reply wrongType = call("POST", "/proxies", "{\"name\": 42, \"upstream\": \"127.0.0.1:1\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().get("error").asText())
        .startsWith("bad request body: ").contains("name").contains("string");

    String proxy = createProxy("attributes");
    Reply badAttribute = call("POST", "/proxies/" + proxy + "/toxics",
        "{\"type\":\"latency\",\"attributes\":{\"latency\":\"slow\"}}");
    assertThat(badAttribute.status()).isEqualTo(400);
    assertThat(badAttribute.json().get("error").asText()).contains("latency").contains("int64");
  }

  @Test
  void toxicErrors_matchToxiproxy() throws Exception {
    String proxy = createProxy("toxic-errors");
    String toxics = "/proxies/" + proxy + "/toxics";
    assertError(call("POST", toxics, "{\"type\":\"earthquake\"}"), 400, "invalid toxic type");
    assertError(call("POST", toxics, "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400,
        "stream was invalid, can be either upstream or downstream");
    call("POST", toxics, "{\"type\":\"latency\"}");
    assertError(call("POST", toxics, "{\"type\":\"latency\"}"), 409, "toxic already exists");
    assertError(call("GET", toxics + "/nope", null), 404, "toxic not found");
    assertError(call("DELETE", toxics + "/nope", null), 404, "toxic not found");
    assertError(call("POST", "/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
    assertError(call("DELETE", "/proxies/nope", null), 404, "proxy not found");
  }

  @Test
  void unknownRoutes_wrongMethods_andBrowsers_getWhatToxiproxyGives() throws Exception {
    assertThat(call("GET", "/nothing-here", null).status()).isEqualTo(404);
    assertThat(call("DELETE", "/version", null).status()).isEqualTo(405);
    HttpRequest browser = HttpRequest.newBuilder(URI.create(server.apiUrl() + "/proxies"))
        .header("User-Agent", "Mozilla/5.0").GET().build();
    assertThat(HTTP.send(browser, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
  }

  @Test
  void garbage_neverKillsTheServerOrAnUnrelatedProxy() throws Exception {
    String bystander = createProxy("bystander");
    int port = Integer.parseInt(call("GET", "/proxies/" + bystander, null).json()
        .get("listen").asText().split(":")[1]);

    try (Socket raw = new Socket(server.host(), server.port())) {
      OutputStream out = raw.getOutputStream();
      out.write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = raw.getInputStream();
      in.readAllBytes(); // the server answers or closes; either way it lives on
    }
    call("POST", "/proxies", "[1, 2, 3]");
    call("POST", "/proxies/" + bystander + "/toxics", "{\"type\": null, \"attributes\": []}");
    call("POST", "/proxies/" + bystander + "/toxics", "{\"type\":\"slicer\",\"attributes\":{\"average_size\":1e99}}");
    call("POST", "/populate", "{\"not\":\"a list\"}");

    assertThat(call("GET", "/version", null).status()).isEqualTo(200);
    try (RespSocket socket = RespSocket.connect("127.0.0.1", port)) {
      socket.send("PING");
      assertThat(socket.read()).isEqualTo("PONG");
    }
  }
}

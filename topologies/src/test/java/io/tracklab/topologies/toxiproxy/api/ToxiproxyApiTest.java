package io.tracklab.topologies.toxiproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.topologies.toxiproxy.proxy.ProxyRegistry;
import io.tracklab.topologies.toxiproxy.proxy.ProxyServerContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Routing, decoding and error rules of the API without sockets: proxies here are created
 * disabled, so nothing binds and no connection exists.
 */
class ToxiproxyApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ToxiproxyApi api = new ToxiproxyApi(
      new ProxyRegistry(), new ProxyServerContext(null, null, null, "127.0.0.1"));

  private ApiResponse call(String method, String path, String body) {
    return api.handle(new ApiRequest(method, path,
        body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "toxiproxy-java"));
  }

  private JsonNode json(ApiResponse response) throws Exception {
    return JSON.readTree(response.body());
  }

  private void createDisabled(String name) {
    ApiResponse created = call("POST", "/proxies",
        "{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:6379\",\"enabled\":false}");
    assertThat(created.status()).isEqualTo(201);
  }

  @Test
  void version_isToxiproxysLiteralBody() {
    ApiResponse version = call("GET", "/version", null);
    assertThat(version.status()).isEqualTo(200);
    assertThat(version.bodyText()).isEqualTo("{\"version\": \"2.12.0\"}\n");
  }

  @Test
  void disabledProxy_keepsItsListenAddressAsGiven() throws Exception {
    createDisabled("cold");
    JsonNode proxy = json(call("GET", "/proxies/cold", null));
    assertThat(proxy.get("enabled").asBoolean()).isFalse();
    assertThat(proxy.get("listen").asText()).isEqualTo("127.0.0.1:0");
  }

  @Test
  void fieldNames_matchCaseInsensitively_andNullKeepsTheDefault() throws Exception {
    ApiResponse created = call("POST", "/proxies",
        "{\"NAME\":\"shouty\",\"Upstream\":\"127.0.0.1:6379\",\"listen\":null,\"enabled\":false}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(json(created).get("name").asText()).isEqualTo("shouty");
    assertThat(json(created).get("listen").asText()).isEmpty();
  }

  @Test
  void toxicCreate_checksInToxiproxysOrder() throws Exception {
    createDisabled("order");
    // bad stream is reported before a bad type
    assertThat(json(call("POST", "/proxies/order/toxics", "{\"type\":\"nope\",\"stream\":\"up\"}"))
        .get("error").asText()).isEqualTo("stream was invalid, can be either upstream or downstream");
    // a duplicate name is reported before bad attributes
    call("POST", "/proxies/order/toxics", "{\"type\":\"latency\"}");
    ApiResponse duplicate = call("POST", "/proxies/order/toxics",
        "{\"type\":\"latency\",\"attributes\":{\"latency\":\"x\"}}");
    assertThat(duplicate.status()).isEqualTo(409);
  }

  @Test
  void streamIsCaseInsensitive_andEchoedAsGiven() throws Exception {
    createDisabled("streams");
    JsonNode toxic = json(call("POST", "/proxies/streams/toxics", "{\"type\":\"timeout\",\"stream\":\"UpStream\"}"));
    assertThat(toxic.get("stream").asText()).isEqualTo("UpStream");
    assertThat(toxic.get("name").asText()).isEqualTo("timeout_UpStream");
  }

  @Test
  void toxicity_isPrintedLikeGoPrintsAFloat32() throws Exception {
    createDisabled("toxicity");
    ApiResponse half = call("POST", "/proxies/toxicity/toxics", "{\"type\":\"latency\",\"toxicity\":0.1}");
    assertThat(half.bodyText()).endsWith("\"toxicity\":0.1}");
    ApiResponse whole = call("POST", "/proxies/toxicity/toxics", "{\"name\":\"w\",\"type\":\"latency\",\"toxicity\":1}");
    assertThat(whole.bodyText()).endsWith("\"toxicity\":1}");
  }

  @Test
  void attributes_mustBeIntegers_unknownOnesAreIgnored() throws Exception {
    createDisabled("attributes");
    ApiResponse fractional = call("POST", "/proxies/attributes/toxics",
        "{\"type\":\"latency\",\"attributes\":{\"latency\":1.5}}");
    assertThat(fractional.status()).isEqualTo(400);
    assertThat(json(fractional).get("error").asText())
        .isEqualTo("bad request body: json: cannot unmarshal number 1.5 into field toxic.attributes.latency of type int64");
    ApiResponse unknown = call("POST", "/proxies/attributes/toxics",
        "{\"type\":\"latency\",\"attributes\":{\"latency\":7,\"colour\":\"red\"}}");
    assertThat(json(unknown).get("attributes").toString()).isEqualTo("{\"latency\":7,\"jitter\":0}");
  }

  @Test
  void routes_unknownPathsAre404_wrongMethods405_browsers403() {
    assertThat(call("GET", "/", null).status()).isEqualTo(404);
    assertThat(call("GET", "/proxies/", null).status()).isEqualTo(404);
    assertThat(call("GET", "/proxies/a/toxics/b/c", null).status()).isEqualTo(404);
    assertThat(call("PUT", "/proxies", null).status()).isEqualTo(405);
    assertThat(call("GET", "/reset", null).status()).isEqualTo(405);
    ApiResponse browser = api.handle(new ApiRequest("GET", "/proxies", new byte[0], "Mozilla/5.0 (X11)"));
    assertThat(browser.status()).isEqualTo(403);
    assertThat(browser.bodyText()).isEqualTo("User agent not allowed\n");
  }

  @Test
  void errors_areJsonWithStatus_endedByANewline() throws Exception {
    ApiResponse missing = call("GET", "/proxies/ghost", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.bodyText()).isEqualTo("{\"error\":\"proxy not found\",\"status\":404}\n");
  }

  @Test
  void populate_validatesEveryEntryBeforeCreatingAny() throws Exception {
    ApiResponse response = call("POST", "/populate",
        "[{\"name\":\"first\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false},{\"upstream\":\"127.0.0.1:2\"}]");
    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("missing required field: name at proxy 2");
    assertThat(json(response).get("proxies").isNull()).isTrue();
    assertThat(call("GET", "/proxies/first", null).status()).isEqualTo(404);
  }

  @Test
  void badListenAddress_isAListenError() throws Exception {
    ApiResponse response = call("POST", "/proxies",
        "{\"name\":\"bad\",\"listen\":\"no-port-here\",\"upstream\":\"127.0.0.1:1\"}");
    assertThat(response.status()).isEqualTo(500);
    assertThat(json(response).get("error").asText())
        .isEqualTo("listen tcp no-port-here: missing port in address");
  }
}

package io.tracklab.topologies.toxiproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.testsupport.fuzz.Fuzz;
import io.tracklab.testsupport.fuzz.Gen;
import io.tracklab.testsupport.fuzz.Gens;
import io.tracklab.topologies.toxiproxy.proxy.ProxyRegistry;
import io.tracklab.topologies.toxiproxy.proxy.ProxyServerContext;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated bad requests to the embedded Toxiproxy API (what toxiproxy-java or a user's curl may
 * send): every one is answered with Toxiproxy's own error (a 4xx, or the 500 Toxiproxy itself gives
 * when the OS refuses a listen address), as JSON naming the problem, never an unexpected exception
 * (a {@value ToxiproxyApi#INTERNAL_ERROR}... 500), and the API keeps answering. Proxies are
 * created disabled: nothing binds.
 */
class ToxiproxyApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Gen<String> JSON_VALUES = Gens.oneOf(
      Gens.strings("abcxyz019-.:_ ", 0, 12).map(text -> "\"" + text + "\""),
      Gens.of("null", "true", "false", "0", "-1", "1.5", "1e309", "99999999999999999999", "[]", "[1,\"x\"]",
          "{}", "{\"latency\":\"x\"}", "{\"latency\":-5,\"jitter\":1e20}", "\"upstream\"", "\"downstream\"",
          "\"127.0.0.1:0\"", "\"127.0.0.1:6379\"", "\"latency\"", "\"bandwidth\"", "\"timeout\"", "\"nope\""));

  private static final Gen<String> FIELDS = Gens.of("name", "listen", "upstream", "type", "stream", "toxicity",
      "attributes", "rate", "NAME", "Stream", "extra");

  /**
   * A JSON object of up to five generated members (always disabled, so nothing binds); a toxic of a
   * real type under a fresh name with generated attributes (so a create gets past Toxiproxy's
   * type and duplicate checks to the attributes, which random members alone rarely do); or broken
   * JSON.
   */
  private static final Gen<String> BODIES;

  static {
    Gen<String> member = Gens.combine(FIELDS, JSON_VALUES, (name, value) -> "\"" + name + "\":" + value);
    Gen<String> objects = Gens.listOf(member, 5)
        .map(members -> "{" + String.join(",", members) + (members.isEmpty() ? "" : ",") + "\"enabled\":false}");
    Gen<String> attribute = Gens.combine(Gens.of("latency", "jitter", "rate", "delay", "timeout", "average_size",
        "size_variation", "bytes", "other"), JSON_VALUES, (name, value) -> "\"" + name + "\":" + value);
    Gen<String> attributes = Gens.oneOf(JSON_VALUES,
        Gens.listOf(attribute, 3).map(members -> "{" + String.join(",", members) + "}"));
    Gen<String> toxics = Gens.triples(Gens.of("latency", "bandwidth", "slow_close", "timeout", "reset_peer", "slicer",
            "limit_data", "nope"), Gens.strings("abcxyz019-_", 1, 8), attributes)
        .map(toxic -> "{\"type\":\"" + toxic.first() + "\",\"name\":\"" + toxic.second() + "\",\"attributes\":"
            + toxic.third() + "}");
    Gen<String> broken = Gens.of("", "{", "}", "[", "not json", "{\"name\":", "{\"enabled\":false,}",
        "[{\"enabled\":false}]", "\u0000", "{\"enabled\":\"no\"}");
    BODIES = Gens.oneOf(objects, objects, toxics, broken);
  }

  private static final Gen<String> PATHS = Gens.of("/proxies", "/proxies/fuzz", "/proxies/fuzz/toxics",
      "/proxies/fuzz/toxics/latency_downstream", "/proxies/missing/toxics", "/populate", "/version", "/", "/proxies/",
      "/proxies//toxics", "/proxies/fuzz/toxics/", "/proxies/%00", "/proxies/fuzz/toxics/x/y", "/nothing");

  private static final Gen<String> METHODS = Gens.of("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS");

  private final ToxiproxyApi api = new ToxiproxyApi(new ProxyRegistry(),
      new ProxyServerContext(null, null, null, "127.0.0.1"));

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aBadRequest_isAnsweredWithToxiproxysOwnError_neverAnUnexpectedOne() {
    Fuzz.forAll(1000, Gens.triples(METHODS, PATHS, BODIES), request -> {
      // a proxy and a toxic to aim requests at (a try may delete them; when they exist, 409s: fine)
      call("POST", "/proxies", "{\"name\":\"fuzz\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:6379\","
          + "\"enabled\":false}");
      call("POST", "/proxies/fuzz/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":1}}");

      ApiResponse response = call(request.first(), request.second(), request.third());

      if (response.status() >= 400 && ApiResponse.JSON.equals(response.contentType())) {
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("error").asText()).isNotBlank().doesNotStartWith(ToxiproxyApi.INTERNAL_ERROR);
        assertThat(error.get("status").asInt()).isEqualTo(response.status());
      }
      if (response.status() >= 500) {
        // Toxiproxy answers 500 only when the OS refuses to listen where a proxy was asked to
        assertThat(response.bodyText()).contains("\"error\":\"listen tcp ");
      }
      assertThat(call("GET", "/version", "").status()).isEqualTo(200);
    });
  }

  private ApiResponse call(String method, String path, String body) {
    return api.handle(new ApiRequest(method, path, body.getBytes(StandardCharsets.UTF_8), "toxiproxy-java"));
  }
}

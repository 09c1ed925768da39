package io.tracklab.topologies.toxiproxy.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.topologies.toxiproxy.proxy.ProxyRegistry;
import io.tracklab.topologies.toxiproxy.proxy.ProxyServerContext;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Generated bad requests to the embedded Toxiproxy API (what toxiproxy-java or a user's curl may
 * send): every one is answered with Toxiproxy's own error (a 4xx, or the 500 Toxiproxy itself gives
 * when the OS refuses a listen address), as JSON naming the problem, never an unexpected exception
 * (a {@value ToxiproxyApi#INTERNAL_ERROR}... 500), and the API keeps answering. Proxies are
 * created disabled: nothing binds.
 */
class ToxiproxyApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ToxiproxyApi api = new ToxiproxyApi(new ProxyRegistry(),
      new ProxyServerContext(null, null, null, "127.0.0.1"));

  @Provide
  Arbitrary<String> jsonValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcxyz019-.:_ ").ofMaxLength(12).map(text -> "\"" + text + "\""),
        Arbitraries.of("null", "true", "false", "0", "-1", "1.5", "1e309", "99999999999999999999", "[]", "[1,\"x\"]",
            "{}", "{\"latency\":\"x\"}", "{\"latency\":-5,\"jitter\":1e20}", "\"upstream\"", "\"downstream\"",
            "\"127.0.0.1:0\"", "\"127.0.0.1:6379\"", "\"latency\"", "\"bandwidth\"", "\"timeout\"", "\"nope\""));
  }

  @Provide
  Arbitrary<String> bodies() {
    Arbitrary<String> field = Arbitraries.of("name", "listen", "upstream", "type", "stream", "toxicity", "attributes",
        "rate", "NAME", "Stream", "extra");
    Arbitrary<String> member = Combinators.combine(field, jsonValues()).as((name, value) -> "\"" + name + "\":" + value);
    Arbitrary<String> objects = member.list().ofMaxSize(5)
        .map(members -> "{" + String.join(",", members) + (members.isEmpty() ? "" : ",") + "\"enabled\":false}");
    Arbitrary<String> broken = Arbitraries.of("", "{", "}", "[", "not json", "{\"name\":", "{\"enabled\":false,}",
        "[{\"enabled\":false}]", "\u0000", "{\"enabled\":\"no\"}");
    return Arbitraries.oneOf(objects, objects, objects, broken);
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.of("/proxies", "/proxies/fuzz", "/proxies/fuzz/toxics", "/proxies/fuzz/toxics/latency_downstream",
        "/proxies/missing/toxics", "/populate", "/version", "/", "/proxies/", "/proxies//toxics",
        "/proxies/fuzz/toxics/", "/proxies/%00", "/proxies/fuzz/toxics/x/y", "/nothing");
  }

  @Property(tries = 1000)
  void aBadRequest_isAnsweredWithToxiproxysOwnError_neverAnUnexpectedOne(
      @ForAll("paths") String path, @ForAll("bodies") String body,
      @ForAll("methods") String method) throws Exception {
    // a proxy to aim toxics at (created once; later attempts are 409s, which is fine)
    call("POST", "/proxies", "{\"name\":\"fuzz\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"127.0.0.1:6379\","
        + "\"enabled\":false}");

    ApiResponse response = call(method, path, body);

    String request = method + " " + path + " " + body;
    if (response.status() >= 400 && ApiResponse.JSON.equals(response.contentType())) {
      JsonNode error = JSON.readTree(response.body());
      assertThat(error.get("error").asText()).as(request).isNotBlank().doesNotStartWith(ToxiproxyApi.INTERNAL_ERROR);
      assertThat(error.get("status").asInt()).as(request).isEqualTo(response.status());
    }
    if (response.status() >= 500) {
      // Toxiproxy answers 500 only when the OS refuses to listen where a proxy was asked to
      assertThat(response.bodyText()).as(request).contains("\"error\":\"listen tcp ");
    }
    assertThat(call("GET", "/version", "").status()).isEqualTo(200);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD", "OPTIONS");
  }

  private ApiResponse call(String method, String path, String body) {
    return api.handle(new ApiRequest(method, path, body.getBytes(StandardCharsets.UTF_8), "toxiproxy-java"));
  }
}

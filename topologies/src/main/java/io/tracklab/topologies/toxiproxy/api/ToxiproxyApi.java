package io.tracklab.topologies.toxiproxy.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracklab.topologies.toxiproxy.proxy.ToxiproxyApiException;
import io.tracklab.topologies.toxiproxy.proxy.ProxyRegistry;
import io.tracklab.topologies.toxiproxy.proxy.ProxyServerContext;
import io.tracklab.topologies.toxiproxy.proxy.ToxicProxy;
import io.tracklab.topologies.toxiproxy.toxic.StreamDirection;
import io.tracklab.topologies.toxiproxy.toxic.ToxicAttributes;
import io.tracklab.topologies.toxiproxy.toxic.ToxicDefinition;
import io.tracklab.topologies.toxiproxy.toxic.ToxicType;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Toxiproxy 2.12 HTTP API over a {@link ProxyRegistry}: routes, request decoding, defaults,
 * status codes and error messages as Toxiproxy's {@code api.go} has them. Independent of the HTTP
 * server that carries it ({@link ApiHttpHandler}).
 *
 * <p>Calls are expected one at a time (the server runs the API on one thread); each call that
 * changes toxics returns only once every open connection applies the change.
 */
public final class ToxiproxyApi {
  /** The Toxiproxy release whose API this implements, reported by {@code GET /version}. */
  public static final String TOXIPROXY_VERSION = "2.12.0";

  private static final System.Logger LOG = System.getLogger(ToxiproxyApi.class.getName());
  /** How an unexpected failure's error message starts (Toxiproxy's own errors never do). */
  public static final String INTERNAL_ERROR = "tracklab internal error: ";
  private static final Set<String> UPDATE_METHODS = Set.of("POST", "PATCH");

  private final ProxyRegistry registry;
  private final ProxyServerContext server;
  private final ObjectMapper mapper =
      new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  private final ApiViews views = new ApiViews(mapper);

  public ToxiproxyApi(ProxyRegistry registry, ProxyServerContext server) {
    this.registry = registry;
    this.server = server;
  }

  public ApiResponse handle(ApiRequest request) {
    if (request.userAgent().startsWith("Mozilla/")) {
      // Toxiproxy refuses browsers so that a web page cannot drive it (CSRF).
      return ApiResponse.text(403, "User agent not allowed\n");
    }
    try {
      return route(request);
    } catch (ToxiproxyApiException e) {
      return error(e.getMessage(), e.status());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "unexpected failure serving " + request.method() + " " + request.path(), e);
      // not one of Toxiproxy's own errors: say so, so it is never mistaken for one
      return error(INTERNAL_ERROR + e.getClass().getSimpleName() + ": " + e.getMessage(), 500);
    }
  }

  /** {@code POST /populate}: creates proxies from a JSON array; 201, or the error and what was made. */
  public ApiResponse populate(byte[] body) {
    Populated result = populateProxies(body);
    ObjectNode json = mapper.createObjectNode();
    if (result.failure() != null) {
      json.put("error", result.failure().getMessage());
      json.put("status", result.failure().status());
    }
    if (result.proxies().isEmpty()) {
      json.putNull("proxies"); // Go marshals a slice it never appended to as null
    } else {
      ArrayNode proxies = json.putArray("proxies");
      result.proxies().forEach(proxy -> proxies.add(views.proxy(proxy)));
    }
    return json(result.failure() == null ? 201 : result.failure().status(), json);
  }

  /**
   * Toxiproxy's populate (also its config file): validates every entry first, then adds each
   * proxy or replaces one whose addresses differ.
   *
   * @return the proxies added or kept, and the failure that stopped it, if any
   */
  public Populated populateProxies(byte[] body) {
    List<ToxicProxy> populated = new ArrayList<>();
    try {
      JsonNode node = RequestBody.parse(mapper, body);
      if (!node.isArray()) {
        throw ToxiproxyApiException.badRequestBody(
            "json: cannot unmarshal " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                + " into a list of proxies (want an array)");
      }
      List<ProxySpec> specs = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        RequestBody proxy = RequestBody.object(node.get(i), "proxy " + (i + 1));
        String name = proxy.string("name").orElse("");
        String upstream = proxy.string("upstream").orElse("");
        if (name.isEmpty()) {
          throw ToxiproxyApiException.missingField("name at proxy " + (i + 1));
        }
        if (upstream.isEmpty()) {
          throw ToxiproxyApiException.missingField("upstream at proxy " + (i + 1));
        }
        specs.add(new ProxySpec(
            name, proxy.string("listen").orElse(""), upstream, proxy.bool("enabled").orElse(true)));
      }
      for (ProxySpec spec : specs) {
        populated.add(registry.addOrReplace(newProxy(spec), spec.enabled()));
      }
      return new Populated(populated, null);
    } catch (ToxiproxyApiException e) {
      return new Populated(populated, e);
    }
  }

  /** What a populate made, and the failure that stopped it (null when none). */
  public record Populated(List<ToxicProxy> proxies, ToxiproxyApiException failure) {}

  private ApiResponse route(ApiRequest request) {
    String method = request.method();
    String[] parts = request.path().split("/", -1);
    // parts[0] is the empty string before the leading slash
    if (parts.length < 2 || !parts[0].isEmpty()) {
      return notFound();
    }
    String root = parts[1];
    switch (parts.length) {
      case 2:
        switch (root) {
          case "reset":
            return only(method, "POST") ? reset() : notAllowed();
          case "populate":
            return only(method, "POST") ? populate(request.body()) : notAllowed();
          case "version":
            return only(method, "GET") ? version() : notAllowed();
          case "proxies":
            if (method.equals("GET")) {
              return proxyIndex();
            }
            return method.equals("POST") ? proxyCreate(request.body()) : notAllowed();
          default:
            return notFound();
        }
      case 3:
        if (!root.equals("proxies") || parts[2].isEmpty()) {
          return notFound();
        }
        return proxyRoute(method, parts[2], request.body());
      case 4:
        if (!root.equals("proxies") || parts[2].isEmpty() || !parts[3].equals("toxics")) {
          return notFound();
        }
        if (method.equals("GET")) {
          return toxicIndex(parts[2]);
        }
        return method.equals("POST") ? toxicCreate(parts[2], request.body()) : notAllowed();
      case 5:
        if (!root.equals("proxies") || parts[2].isEmpty() || !parts[3].equals("toxics")
            || parts[4].isEmpty()) {
          return notFound();
        }
        return toxicRoute(method, parts[2], parts[4], request.body());
      default:
        return notFound();
    }
  }

  private ApiResponse proxyRoute(String method, String name, byte[] body) {
    if (method.equals("GET")) {
      return json(200, views.proxy(registry.get(name)));
    }
    if (UPDATE_METHODS.contains(method)) {
      return proxyUpdate(name, body);
    }
    if (method.equals("DELETE")) {
      registry.remove(name);
      return ApiResponse.noContent();
    }
    return notAllowed();
  }

  private ApiResponse toxicRoute(String method, String proxyName, String toxicName, byte[] body) {
    if (method.equals("GET")) {
      return json(200, views.toxic(registry.get(proxyName).toxic(toxicName)));
    }
    if (UPDATE_METHODS.contains(method)) {
      return toxicUpdate(proxyName, toxicName, body);
    }
    if (method.equals("DELETE")) {
      registry.get(proxyName).removeToxic(toxicName);
      return ApiResponse.noContent();
    }
    return notAllowed();
  }

  // ---- proxies ----

  private ApiResponse proxyIndex() {
    ObjectNode index = mapper.createObjectNode();
    for (ToxicProxy proxy : registry.all()) {
      index.set(proxy.name(), views.proxy(proxy));
    }
    return json(200, index);
  }

  private ApiResponse proxyCreate(byte[] body) {
    RequestBody input = RequestBody.object(RequestBody.parse(mapper, body), "proxy");
    ProxySpec spec = new ProxySpec(
        input.string("name").orElse(""),
        input.string("listen").orElse(""),
        input.string("upstream").orElse(""),
        input.bool("enabled").orElse(true));
    if (spec.name().isEmpty()) {
      throw ToxiproxyApiException.missingField("name");
    }
    if (spec.upstream().isEmpty()) {
      throw ToxiproxyApiException.missingField("upstream");
    }
    ToxicProxy proxy = newProxy(spec);
    registry.add(proxy, spec.enabled());
    return json(201, views.proxy(proxy));
  }

  private ApiResponse proxyUpdate(String name, byte[] body) {
    ToxicProxy proxy = registry.get(name);
    RequestBody input = RequestBody.object(RequestBody.parse(mapper, body), "proxy");
    proxy.update(
        input.string("listen").orElse(proxy.listen()),
        input.string("upstream").orElse(proxy.upstream()),
        input.bool("enabled").orElse(proxy.enabled()));
    return json(200, views.proxy(proxy));
  }

  private ApiResponse reset() {
    for (ToxicProxy proxy : registry.all()) {
      proxy.start();
      proxy.removeAllToxics();
    }
    return ApiResponse.noContent();
  }

  private ApiResponse version() {
    String body = "{\"version\": \"" + TOXIPROXY_VERSION + "\"}\n";
    return new ApiResponse(200, "application/json;charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private ToxicProxy newProxy(ProxySpec spec) {
    return new ToxicProxy(spec.name(), spec.listen(), spec.upstream(), server);
  }

  // ---- toxics ----

  private ApiResponse toxicIndex(String proxyName) {
    ArrayNode toxics = mapper.createArrayNode();
    for (ToxicDefinition toxic : registry.get(proxyName).toxics().all()) {
      toxics.add(views.toxic(toxic));
    }
    return json(200, toxics);
  }

  /** Checks in Toxiproxy's order: body, stream, (default name), type, duplicate, attributes. */
  private ApiResponse toxicCreate(String proxyName, byte[] body) {
    ToxicProxy proxy = registry.get(proxyName);
    RequestBody input = RequestBody.object(RequestBody.parse(mapper, body), "toxic");
    String stream = input.string("stream").orElse("downstream");
    String typeName = input.string("type").orElse("");
    String name = input.string("name").orElse("");
    float toxicity = input.float32("toxicity").orElse(1.0f);
    StreamDirection direction =
        StreamDirection.parse(stream).orElseThrow(ToxiproxyApiException::invalidStream);
    if (name.isEmpty()) {
      name = typeName + "_" + stream;
    }
    ToxicType type = ToxicType.fromWireName(typeName).orElseThrow(ToxiproxyApiException::invalidToxicType);
    if (proxy.hasToxic(name)) {
      throw ToxiproxyApiException.toxicAlreadyExists();
    }
    ToxicAttributes attributes = attributes(input, ToxicAttributes.defaults(type));
    ToxicDefinition toxic = proxy.addToxic(name, type, direction, stream, toxicity, attributes);
    return json(200, views.toxic(toxic));
  }

  /** Only attributes and toxicity change; what the body leaves out keeps its value. */
  private ApiResponse toxicUpdate(String proxyName, String toxicName, byte[] body) {
    ToxicProxy proxy = registry.get(proxyName);
    ToxicDefinition existing = proxy.toxic(toxicName);
    RequestBody input = RequestBody.object(RequestBody.parse(mapper, body), "toxic");
    ToxicAttributes attributes = attributes(input, existing.attributes());
    float toxicity = input.float32("toxicity").orElse(existing.toxicity());
    return json(200, views.toxic(proxy.updateToxic(toxicName, attributes, toxicity)));
  }

  private static ToxicAttributes attributes(RequestBody input, ToxicAttributes start) {
    ToxicAttributes result = start;
    RequestBody given = input.object("attributes").orElse(null);
    if (given == null) {
      return result;
    }
    for (String attribute : start.asMap().keySet()) {
      Long value = given.int64(attribute).orElse(null);
      if (value != null) {
        result = result.with(attribute, value);
      }
    }
    return result;
  }

  // ---- responses ----

  private ApiResponse json(int status, JsonNode node) {
    try {
      return ApiResponse.json(status, mapper.writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private ApiResponse error(String message, int status) {
    try {
      byte[] json = mapper.writeValueAsBytes(views.error(message, status));
      byte[] body = new byte[json.length + 1];
      System.arraycopy(json, 0, body, 0, json.length);
      body[json.length] = '\n'; // Go's http.Error ends the body with a newline
      return ApiResponse.json(status, body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  private static boolean only(String method, String allowed) {
    return method.equals(allowed);
  }

  private static ApiResponse notFound() {
    return ApiResponse.text(404, "404 page not found\n");
  }

  private static ApiResponse notAllowed() {
    return new ApiResponse(405, null, new byte[0]);
  }

  private record ProxySpec(String name, String listen, String upstream, boolean enabled) {}
}

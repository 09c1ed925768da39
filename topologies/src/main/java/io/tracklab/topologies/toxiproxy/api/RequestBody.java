package io.tracklab.topologies.toxiproxy.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracklab.topologies.toxiproxy.proxy.ToxiproxyApiException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Reads request bodies the way Toxiproxy's Go JSON decoder does: field names match
 * case-insensitively, unknown fields are ignored, {@code null} leaves a default in place, and a
 * value of the wrong type is a 400 "bad request body" that names the field.
 */
final class RequestBody {
  private final ObjectNode object;
  private final String context;

  private RequestBody(ObjectNode object, String context) {
    this.object = object;
    this.context = context;
  }

  /** Parses {@code body}, which must be one JSON value (any content type; the Java client sends none). */
  static JsonNode parse(ObjectMapper mapper, byte[] body) {
    if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
      throw ToxiproxyApiException.badRequestBody("EOF");
    }
    try {
      return mapper.readTree(body);
    } catch (JsonProcessingException e) {
      String location =
          e.getLocation() == null
              ? ""
              : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw ToxiproxyApiException.badRequestBody(e.getOriginalMessage() + location);
    } catch (IOException e) {
      throw ToxiproxyApiException.badRequestBody(e.getMessage());
    }
  }

  /** The body as an object named {@code what} in errors (e.g. "proxy"). */
  static RequestBody object(JsonNode node, String what) {
    if (!(node instanceof ObjectNode objectNode)) {
      throw ToxiproxyApiException.badRequestBody(
          "json: cannot unmarshal " + kind(node) + " into " + what + " (want an object)");
    }
    return new RequestBody(objectNode, what);
  }

  Optional<String> string(String name) {
    return field(name).map(value -> {
      if (!value.isTextual()) {
        throw mismatch(name, value, "string");
      }
      return value.asText();
    });
  }

  Optional<Boolean> bool(String name) {
    return field(name).map(value -> {
      if (!value.isBoolean()) {
        throw mismatch(name, value, "bool");
      }
      return value.asBoolean();
    });
  }

  Optional<Float> float32(String name) {
    return field(name).map(value -> {
      if (!value.isNumber() || Float.isInfinite((float) value.asDouble())) {
        throw mismatch(name, value, "float32");
      }
      return (float) value.asDouble();
    });
  }

  Optional<Long> int64(String name) {
    return field(name).map(value -> {
      if (!value.isIntegralNumber() || !value.canConvertToLong()) {
        throw mismatch(name, value, "int64");
      }
      return value.asLong();
    });
  }

  /** A nested object, e.g. a toxic's {@code attributes}; empty when absent or null. */
  Optional<RequestBody> object(String name) {
    return field(name).map(value -> {
      if (!(value instanceof ObjectNode nested)) {
        throw mismatch(name, value, "object");
      }
      return new RequestBody(nested, context + "." + name);
    });
  }

  private Optional<JsonNode> field(String name) {
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact.isNull() ? Optional.empty() : Optional.of(exact);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue().isNull() ? Optional.empty() : Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  private ToxiproxyApiException mismatch(String name, JsonNode value, String type) {
    return ToxiproxyApiException.badRequestBody(
        "json: cannot unmarshal " + kind(value) + " " + value + " into field " + context + "."
            + name + " of type " + type);
  }

  private static String kind(JsonNode node) {
    if (node == null) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT -> "object";
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "bool";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}

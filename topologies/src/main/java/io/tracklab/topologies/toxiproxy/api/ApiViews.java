package io.tracklab.topologies.toxiproxy.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracklab.topologies.toxiproxy.proxy.ToxicProxy;
import io.tracklab.topologies.toxiproxy.toxic.ToxicDefinition;
import java.math.BigDecimal;
import java.util.Map;

/** The JSON shapes of Toxiproxy 2.12, field for field and in its field order. */
final class ApiViews {
  private final ObjectMapper mapper;

  ApiViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** {@code {"name","listen","upstream","enabled","toxics":[...]}}. */
  ObjectNode proxy(ToxicProxy proxy) {
    ObjectNode node = mapper.createObjectNode();
    node.put("name", proxy.name());
    node.put("listen", proxy.listen());
    node.put("upstream", proxy.upstream());
    node.put("enabled", proxy.enabled());
    ArrayNode toxics = node.putArray("toxics");
    for (ToxicDefinition toxic : proxy.toxics().all()) {
      toxics.add(toxic(toxic));
    }
    return node;
  }

  /** {@code {"attributes":{...},"name","type","stream","toxicity"}}. */
  ObjectNode toxic(ToxicDefinition toxic) {
    ObjectNode node = mapper.createObjectNode();
    ObjectNode attributes = node.putObject("attributes");
    for (Map.Entry<String, Long> attribute : toxic.attributes().asMap().entrySet()) {
      attributes.put(attribute.getKey(), attribute.getValue());
    }
    node.put("name", toxic.name());
    node.put("type", toxic.type().wireName());
    node.put("stream", toxic.stream());
    // Go prints a float32 in its shortest form: 1 rather than 1.0, 0.5, 0.1.
    node.put("toxicity", new BigDecimal(Float.toString(toxic.toxicity())).stripTrailingZeros());
    return node;
  }

  ObjectNode error(String message, int status) {
    ObjectNode node = mapper.createObjectNode();
    node.put("error", message);
    node.put("status", status);
    return node;
  }
}

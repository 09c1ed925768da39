package io.tracklab.topologies.toxiproxy.toxic;

import java.util.Objects;

/**
 * One toxic as configured on a proxy. {@code id} is unique per proxy for the toxic's lifetime:
 * an update keeps it, a delete-and-recreate under the same name gets a new one, so open
 * connections can tell "reconfigure" from "replace".
 *
 * @param stream the stream as the client spelled it (Toxiproxy echoes it back unchanged)
 * @param toxicity probability in [0, 1] that the toxic applies to a given connection
 */
public record ToxicDefinition(
    long id,
    String name,
    ToxicType type,
    StreamDirection direction,
    String stream,
    float toxicity,
    ToxicAttributes attributes) {

  public ToxicDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(attributes, "attributes");
  }

  public ToxicDefinition withUpdate(ToxicAttributes newAttributes, float newToxicity) {
    return new ToxicDefinition(id, name, type, direction, stream, newToxicity, newAttributes);
  }
}

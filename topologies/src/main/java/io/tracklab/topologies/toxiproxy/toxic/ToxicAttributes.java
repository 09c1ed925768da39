package io.tracklab.topologies.toxiproxy.toxic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The integer attributes of one toxic, in the order Toxiproxy reports them. Immutable; unknown
 * names are rejected here because the API layer already ignores them, as Toxiproxy does.
 */
public final class ToxicAttributes {
  private final ToxicType type;
  private final Map<String, Long> values;

  private ToxicAttributes(ToxicType type, Map<String, Long> values) {
    this.type = type;
    this.values = Collections.unmodifiableMap(values);
  }

  /** Every attribute of {@code type} at Toxiproxy's default, 0. */
  public static ToxicAttributes defaults(ToxicType type) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String name : type.attributeNames()) {
      values.put(name, 0L);
    }
    return new ToxicAttributes(type, values);
  }

  public ToxicAttributes with(String name, long value) {
    if (!values.containsKey(name)) {
      throw new IllegalArgumentException(
          "toxic type " + type.wireName() + " has no attribute '" + name + "'; it has " + values.keySet());
    }
    Map<String, Long> copy = new LinkedHashMap<>(values);
    copy.put(name, value);
    return new ToxicAttributes(type, copy);
  }

  public long get(String name) {
    Long value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "toxic type " + type.wireName() + " has no attribute '" + name + "'");
    }
    return value;
  }

  /** Name to value, in Toxiproxy's order. */
  public Map<String, Long> asMap() {
    return values;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToxicAttributes that && type == that.type && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, values);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}

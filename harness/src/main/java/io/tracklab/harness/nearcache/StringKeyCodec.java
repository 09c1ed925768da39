package io.tracklab.harness.nearcache;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.ByteBuffer;

/** String keys (UTF-8) with the values of another codec. */
final class StringKeyCodec<V> implements RedisCodec<String, V> {
  private final RedisCodec<?, V> values;

  StringKeyCodec(RedisCodec<?, V> values) {
    this.values = values;
  }

  @Override
  public String decodeKey(ByteBuffer bytes) {
    return StringCodec.UTF8.decodeKey(bytes);
  }

  @Override
  public V decodeValue(ByteBuffer bytes) {
    return values.decodeValue(bytes);
  }

  @Override
  public ByteBuffer encodeKey(String key) {
    return StringCodec.UTF8.encodeKey(key);
  }

  @Override
  public ByteBuffer encodeValue(V value) {
    return values.encodeValue(value);
  }
}

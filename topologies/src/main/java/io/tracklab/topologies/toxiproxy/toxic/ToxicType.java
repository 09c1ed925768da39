package io.tracklab.topologies.toxiproxy.toxic;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The toxics Toxiproxy 2.12 ships, with their attributes (all integers, in the order Toxiproxy
 * reports them) and the behaviour that implements each on one direction of one connection.
 */
public enum ToxicType {
  /** Delays every chunk by {@code latency} ms, plus or minus up to {@code jitter} ms. */
  LATENCY("latency", "latency", "jitter") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new LatencyToxic(a.get("latency"), a.get("jitter"), out, ctx);
    }
  },
  /** Limits throughput to {@code rate} KB/s (1 KB = 1000 bytes); 0 lets nothing through. */
  BANDWIDTH("bandwidth", "rate") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new BandwidthToxic(a.get("rate"), out, ctx);
    }
  },
  /** Delays the close (EOF) of the stream by {@code delay} ms. */
  SLOW_CLOSE("slow_close", "delay") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new SlowCloseToxic(a.get("delay"), out, ctx);
    }
  },
  /**
   * Drops all data; closes the stream after {@code timeout} ms without data, or never when 0 (a
   * silent partition). Removing it closes the connections it ran on, as in Toxiproxy.
   */
  TIMEOUT("timeout", "timeout") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new TimeoutToxic(a.get("timeout"), out, ctx);
    }

    @Override
    public boolean closesConnectionOnRemoval() {
      return true;
    }
  },
  /** On the first data (or close), waits {@code timeout} ms and resets the connection (RST). */
  RESET_PEER("reset_peer", "timeout") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new ResetPeerToxic(a.get("timeout"), out, ctx);
    }
  },
  /** Cuts chunks into pieces of about {@code average_size} bytes, {@code delay} µs apart. */
  SLICER("slicer", "average_size", "size_variation", "delay") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new SlicerToxic(
          a.get("average_size"), a.get("size_variation"), a.get("delay"), out, ctx);
    }
  },
  /** Closes the stream once {@code bytes} bytes have passed. */
  LIMIT_DATA("limit_data", "bytes") {
    @Override
    ToxicBehavior newBehavior(ToxicAttributes a, ChunkSink out, StageContext ctx, Object state) {
      return new LimitDataToxic(a.get("bytes"), (LimitDataToxic.Transmitted) state, out, ctx);
    }

    @Override
    Object newState() {
      return new LimitDataToxic.Transmitted();
    }
  };

  private final String wireName;
  private final List<String> attributeNames;

  ToxicType(String wireName, String... attributeNames) {
    this.wireName = wireName;
    this.attributeNames = List.of(attributeNames);
  }

  /** The type's name in the Toxiproxy API, e.g. {@code reset_peer}. */
  public String wireName() {
    return wireName;
  }

  public List<String> attributeNames() {
    return attributeNames;
  }

  /**
   * Whether removing the toxic closes the connections it is attached to. Toxiproxy's timeout
   * toxic does ("Cleanup"): a healed partition does not resurrect the connections it held.
   */
  public boolean closesConnectionOnRemoval() {
    return false;
  }

  /** Exact, case-sensitive lookup, as Toxiproxy's registry does. */
  public static Optional<ToxicType> fromWireName(String name) {
    for (ToxicType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** State kept per connection across updates of the toxic's attributes (limit_data's count). */
  Object newState() {
    return null;
  }

  abstract ToxicBehavior newBehavior(
      ToxicAttributes attributes, ChunkSink out, StageContext context, Object state);

  @Override
  public String toString() {
    return wireName.toLowerCase(Locale.ROOT);
  }
}

package io.tracklab.topologies.toxiproxy.toxic;

import java.util.List;

/**
 * What one toxic does to one direction of one connection. Implementations are single-threaded
 * (the connection's event loop) and write their output to the sink they were created with.
 */
interface ToxicBehavior extends ChunkSink {

  /**
   * Stops the behaviour: cancels its timers and hands back, in stream order, the chunks it still
   * holds and whether the end of the stream was among them. Toxiproxy never drops held data when
   * a toxic is removed or reconfigured ("don't drop any data on the floor"); the caller passes it
   * on.
   */
  default Held drain() {
    return Held.NOTHING;
  }

  /** Data and end-of-stream still held by a stopped behaviour. */
  record Held(List<Chunk> chunks, boolean ended) {
    static final Held NOTHING = new Held(List.of(), false);

    void replayInto(ChunkSink sink) {
      for (Chunk chunk : chunks) {
        sink.accept(chunk);
      }
      if (ended) {
        sink.end();
      }
    }
  }
}

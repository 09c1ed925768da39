package io.tracklab.topologies.toxiproxy.toxic;

/** Where a stage sends its output: the next toxic in the chain, or the destination socket. */
public interface ChunkSink {
  /** Takes ownership of the chunk. */
  void accept(Chunk chunk);

  /** No more data will follow: the stream is closed (a FIN, unless a toxic resets it). */
  void end();
}

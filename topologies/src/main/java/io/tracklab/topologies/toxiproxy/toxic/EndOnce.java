package io.tracklab.topologies.toxiproxy.toxic;

/**
 * Passes chunks on until the stream has ended, then releases whatever still arrives, as a closed
 * socket would; the end itself is passed on once. Guards the output of every toxic (Toxiproxy's
 * closed stub) and the destination of every chain.
 */
final class EndOnce implements ChunkSink {
  private ChunkSink next;
  private boolean ended;

  EndOnce(ChunkSink next) {
    this.next = next;
  }

  void connect(ChunkSink next) {
    this.next = next;
  }

  boolean ended() {
    return ended;
  }

  /** From now on, drop everything without telling {@code next} (the connection is gone). */
  void silence() {
    ended = true;
  }

  @Override
  public void accept(Chunk chunk) {
    if (ended) {
      chunk.release();
    } else {
      next.accept(chunk);
    }
  }

  @Override
  public void end() {
    if (!ended) {
      ended = true;
      next.end();
    }
  }
}

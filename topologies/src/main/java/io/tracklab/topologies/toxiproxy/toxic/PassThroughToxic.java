package io.tracklab.topologies.toxiproxy.toxic;

/** A toxic that lost its toxicity roll for this connection: bytes pass untouched. */
final class PassThroughToxic implements ToxicBehavior {
  private final ChunkSink out;

  PassThroughToxic(ChunkSink out) {
    this.out = out;
  }

  @Override
  public void accept(Chunk chunk) {
    out.accept(chunk);
  }

  @Override
  public void end() {
    out.end();
  }
}

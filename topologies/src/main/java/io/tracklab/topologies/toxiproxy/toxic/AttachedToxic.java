package io.tracklab.topologies.toxiproxy.toxic;

/**
 * One toxic placed in one connection's chain: rolls its toxicity, runs the behaviour, and once the
 * behaviour has closed the stream, discards whatever still reaches it (Toxiproxy's closed stub).
 */
final class AttachedToxic implements ChunkSink {
  private final StageContext context;
  private final Object state;
  private final EndOnce output;
  private ToxicDefinition definition;
  private ToxicBehavior behavior;

  AttachedToxic(ToxicDefinition definition, ChunkSink next, StageContext context) {
    this.context = context;
    this.definition = definition;
    this.output = new EndOnce(next);
    this.state = definition.type().newState();
    this.behavior = newBehavior();
  }

  ToxicDefinition definition() {
    return definition;
  }

  void connect(ChunkSink next) {
    output.connect(next);
  }

  @Override
  public void accept(Chunk chunk) {
    if (output.ended()) {
      chunk.release();
    } else {
      behavior.accept(chunk);
    }
  }

  @Override
  public void end() {
    if (!output.ended()) {
      behavior.end();
    }
  }

  /**
   * New attributes or toxicity: the old behaviour hands its held data to the new one, which
   * re-times it (Toxiproxy restarts the toxic and re-rolls its toxicity the same way).
   */
  void update(ToxicDefinition updated) {
    ToxicBehavior.Held held = behavior.drain();
    definition = updated;
    behavior = newBehavior();
    held.replayInto(this);
  }

  /** Taken out of the chain: held data goes on at once; a timeout toxic also closes the stream. */
  void remove() {
    behavior.drain().replayInto(output);
    if (definition.type().closesConnectionOnRemoval()) {
      output.end();
    }
  }

  /** The connection is gone: release held data without sending it. */
  void dispose() {
    for (Chunk chunk : behavior.drain().chunks()) {
      chunk.release();
    }
    output.silence();
  }

  private ToxicBehavior newBehavior() {
    boolean applies = context.random().nextFloat() < definition.toxicity();
    return applies
        ? definition.type().newBehavior(definition.attributes(), output, context, state)
        : new PassThroughToxic(output);
  }
}

package io.tracklab.topologies.toxiproxy.toxic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The far end of a chain in tests: records what arrived and when, and releases it. */
final class RecordingSink implements ChunkSink {
  record Arrival(long atMillis, String data) {}

  private final FakeStageContext clock;
  final List<Arrival> arrivals = new ArrayList<>();
  Long endedAtMillis;

  RecordingSink(FakeStageContext clock) {
    this.clock = clock;
  }

  @Override
  public void accept(Chunk chunk) {
    arrivals.add(new Arrival(clock.elapsedMillis(), chunk.data().toString(StandardCharsets.US_ASCII)));
    chunk.release();
  }

  @Override
  public void end() {
    if (endedAtMillis != null) {
      throw new AssertionError("end() twice");
    }
    endedAtMillis = clock.elapsedMillis();
  }

  String received() {
    StringBuilder all = new StringBuilder();
    arrivals.forEach(arrival -> all.append(arrival.data()));
    return all.toString();
  }

  int bytesReceived() {
    return received().length();
  }
}

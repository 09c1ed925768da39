package io.tracklab.topologies.toxiproxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.tracklab.topologies.toxiproxy.toxic.RecordingSink.Arrival;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToxicChainTest {
  private final FakeStageContext context = new FakeStageContext();
  private final RecordingSink sink = new RecordingSink(context);
  private long nextId = 1;

  private ToxicDefinition toxic(ToxicType type, Map<String, Long> attributes) {
    return toxic(type, attributes, 1.0f);
  }

  private ToxicDefinition toxic(ToxicType type, Map<String, Long> attributes, float toxicity) {
    ToxicAttributes values = ToxicAttributes.defaults(type);
    for (Map.Entry<String, Long> attribute : attributes.entrySet()) {
      values = values.with(attribute.getKey(), attribute.getValue());
    }
    long id = nextId++;
    return new ToxicDefinition(id, type.wireName() + id, type, StreamDirection.DOWNSTREAM,
        "downstream", toxicity, values);
  }

  private ToxicChain chain(ToxicDefinition... toxics) {
    return new ToxicChain(List.of(toxics), sink, context);
  }

  private void send(ToxicChain chain, String data) {
    chain.accept(new Chunk(
        Unpooled.copiedBuffer(data, StandardCharsets.US_ASCII), context.nanoTime()));
  }

  private static String repeat(char c, int times) {
    return String.valueOf(c).repeat(times);
  }

  @Test
  void noToxics_passesBytesAndEndThroughAtOnce() {
    ToxicChain chain = chain();
    send(chain, "PING");
    chain.end();
    assertThat(sink.arrivals).containsExactly(new Arrival(0, "PING"));
    assertThat(sink.endedAtMillis).isZero();
  }

  @Test
  void latency_delaysEveryChunkByTheLatency() {
    ToxicChain chain = chain(toxic(ToxicType.LATENCY, Map.of("latency", 50L)));
    send(chain, "a");
    context.advanceMillis(10);
    send(chain, "b");
    context.advanceMillis(39);
    assertThat(sink.arrivals).isEmpty();
    context.advanceMillis(100);
    assertThat(sink.arrivals).containsExactly(new Arrival(50, "a"), new Arrival(60, "b"));
    assertThat(context.bufferedBytes).isZero();
  }

  @Test
  void latency_withJitter_neverReordersChunks() {
    ToxicChain chain = chain(toxic(ToxicType.LATENCY, Map.of("latency", 20L, "jitter", 15L)));
    StringBuilder sent = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      char c = (char) ('a' + i % 26);
      sent.append(c);
      send(chain, String.valueOf(c));
      context.advanceMillis(1);
    }
    context.advanceMillis(100);
    assertThat(sink.received()).isEqualTo(sent.toString());
    List<Long> times = sink.arrivals.stream().map(Arrival::atMillis).toList();
    assertThat(times).isSorted();
    // jitter is drawn from [-15, 15) ms around 20 ms: some chunks must wait less than 20 ms
    assertThat(sink.arrivals.get(0).atMillis()).isBetween(5L, 35L);
  }

  @Test
  void latency_endOfStreamWaitsForDelayedData() {
    ToxicChain chain = chain(toxic(ToxicType.LATENCY, Map.of("latency", 30L)));
    send(chain, "last words");
    chain.end();
    context.advanceMillis(29);
    assertThat(sink.endedAtMillis).isNull();
    context.advanceMillis(1);
    assertThat(sink.arrivals).containsExactly(new Arrival(30, "last words"));
    assertThat(sink.endedAtMillis).isEqualTo(30);
  }

  @Test
  void twoLatencyToxics_addTheirDelays() {
    ToxicChain chain = chain(
        toxic(ToxicType.LATENCY, Map.of("latency", 30L)),
        toxic(ToxicType.LATENCY, Map.of("latency", 20L)));
    send(chain, "x");
    context.advanceMillis(100);
    assertThat(sink.arrivals).containsExactly(new Arrival(50, "x"));
  }

  @Test
  void bandwidth_deliversAtTheRate() {
    // 10 KB/s = 10 bytes per ms; 5000 bytes take 500 ms, in pieces of 100 ms (1000 bytes)
    ToxicChain chain = chain(toxic(ToxicType.BANDWIDTH, Map.of("rate", 10L)));
    send(chain, repeat('z', 5000));
    context.advanceMillis(250);
    assertThat(sink.bytesReceived()).isEqualTo(2000);
    context.advanceMillis(250);
    assertThat(sink.bytesReceived()).isEqualTo(5000);
    assertThat(sink.arrivals).extracting(Arrival::atMillis).containsExactly(100L, 200L, 300L, 400L, 500L);
  }

  @Test
  void bandwidth_rateZero_holdsEverythingUntilRemoved() {
    ToxicDefinition starve = toxic(ToxicType.BANDWIDTH, Map.of("rate", 0L));
    ToxicChain chain = chain(starve);
    send(chain, "held");
    context.advanceMillis(60_000);
    assertThat(sink.arrivals).isEmpty();
    assertThat(context.bufferedBytes).isEqualTo(4);
    chain.reconcile(List.of());
    assertThat(sink.arrivals).containsExactly(new Arrival(60_000, "held"));
    assertThat(context.bufferedBytes).isZero();
  }

  @Test
  void slowClose_passesDataAtOnceAndDelaysTheClose() {
    ToxicChain chain = chain(toxic(ToxicType.SLOW_CLOSE, Map.of("delay", 200L)));
    send(chain, "bye");
    chain.end();
    assertThat(sink.arrivals).containsExactly(new Arrival(0, "bye"));
    context.advanceMillis(199);
    assertThat(sink.endedAtMillis).isNull();
    context.advanceMillis(1);
    assertThat(sink.endedAtMillis).isEqualTo(200);
  }

  @Test
  void timeoutZero_dropsDataAndNeverCloses() {
    ToxicChain chain = chain(toxic(ToxicType.TIMEOUT, Map.of("timeout", 0L)));
    send(chain, "into the void");
    context.advanceMillis(3_600_000);
    assertThat(sink.arrivals).isEmpty();
    assertThat(sink.endedAtMillis).isNull();
    assertThat(context.pendingTasks()).isZero();
  }

  @Test
  void timeout_closesAfterTimeoutWithoutData_restartingOnEveryChunk() {
    ToxicChain chain = chain(toxic(ToxicType.TIMEOUT, Map.of("timeout", 100L)));
    context.advanceMillis(60);
    send(chain, "keeps it alive");
    context.advanceMillis(99);
    assertThat(sink.endedAtMillis).isNull();
    context.advanceMillis(1);
    assertThat(sink.endedAtMillis).isEqualTo(160);
    assertThat(sink.arrivals).isEmpty();
  }

  @Test
  void timeout_removingItClosesTheStream() {
    ToxicChain chain = chain(toxic(ToxicType.TIMEOUT, Map.of("timeout", 0L)));
    send(chain, "dropped");
    chain.reconcile(List.of());
    assertThat(sink.endedAtMillis).isZero();
    send(chain, "after the heal");
    assertThat(sink.arrivals).isEmpty();
  }

  @Test
  void resetPeer_resetsTimeoutAfterTheFirstData() {
    ToxicChain chain = chain(toxic(ToxicType.RESET_PEER, Map.of("timeout", 40L)));
    context.advanceMillis(1000);
    assertThat(context.resets).isZero();
    send(chain, "trigger");
    send(chain, "more");
    context.advanceMillis(39);
    assertThat(context.resets).isZero();
    context.advanceMillis(1);
    assertThat(context.resets).isEqualTo(1);
    assertThat(sink.arrivals).isEmpty();
  }

  @Test
  void resetPeer_withZeroTimeout_resetsAtOnce() {
    ToxicChain chain = chain(toxic(ToxicType.RESET_PEER, Map.of()));
    send(chain, "x");
    assertThat(context.resets).isEqualTo(1);
  }

  @Test
  void slicer_cutsIntoSlicesOfAboutTheAverageSize_delayApart() {
    ToxicChain chain = chain(toxic(ToxicType.SLICER,
        Map.of("average_size", 10L, "size_variation", 4L, "delay", 1000L)));
    String data = repeat('s', 400);
    send(chain, data);
    context.advanceMillis(1000);
    assertThat(sink.received()).isEqualTo(data);
    assertThat(sink.arrivals.size()).isBetween(20, 80);
    assertThat(sink.arrivals).allSatisfy(arrival -> assertThat(arrival.data().length()).isBetween(1, 14));
    List<Long> times = sink.arrivals.stream().map(Arrival::atMillis).toList();
    assertThat(times.get(times.size() - 1)).isEqualTo(times.size() - 1); // 1 ms (1000 µs) apart
  }

  @Test
  void slicer_withZeroAttributes_stillTerminates() {
    ToxicChain chain = chain(toxic(ToxicType.SLICER, Map.of()));
    send(chain, "abc");
    context.advanceMillis(1);
    assertThat(sink.received()).isEqualTo("abc");
  }

  @Test
  void limitData_passesExactlyTheLimitThenCloses() {
    ToxicChain chain = chain(toxic(ToxicType.LIMIT_DATA, Map.of("bytes", 10L)));
    send(chain, "+PONG\r\n");
    send(chain, "+PONG\r\n");
    send(chain, "+PONG\r\n");
    assertThat(sink.received()).isEqualTo("+PONG\r\n+PO");
    assertThat(sink.endedAtMillis).isZero();
  }

  @Test
  void limitData_countSurvivesAnUpdateOfTheLimit() {
    ToxicDefinition limit = toxic(ToxicType.LIMIT_DATA, Map.of("bytes", 100L));
    ToxicChain chain = chain(limit);
    send(chain, repeat('a', 60));
    chain.reconcile(List.of(limit.withUpdate(limit.attributes().with("bytes", 70L), 1.0f)));
    send(chain, repeat('b', 60));
    assertThat(sink.received()).isEqualTo(repeat('a', 60) + repeat('b', 10));
    assertThat(sink.endedAtMillis).isNotNull();
  }

  @Test
  void toxicityZero_letsEverythingThrough() {
    ToxicChain chain = chain(toxic(ToxicType.TIMEOUT, Map.of("timeout", 0L), 0.0f));
    send(chain, "unharmed");
    assertThat(sink.arrivals).containsExactly(new Arrival(0, "unharmed"));
  }

  @Test
  void toxicity_isRolledPerConnection() {
    ToxicDefinition halfTheTime = toxic(ToxicType.TIMEOUT, Map.of("timeout", 0L), 0.5f);
    int affected = 0;
    for (int connection = 0; connection < 1000; connection++) {
      RecordingSink connectionSink = new RecordingSink(context);
      ToxicChain chain = new ToxicChain(List.of(halfTheTime), connectionSink, context);
      send(chain, "x");
      if (connectionSink.arrivals.isEmpty()) {
        affected++;
      }
    }
    assertThat(affected).isBetween(400, 600);
  }

  @Test
  void removingLatency_sendsHeldDataAtOnceInOrder() {
    ToxicDefinition latency = toxic(ToxicType.LATENCY, Map.of("latency", 1000L));
    ToxicChain chain = chain(latency);
    send(chain, "one ");
    send(chain, "two");
    context.advanceMillis(10);
    chain.reconcile(List.of());
    assertThat(sink.received()).isEqualTo("one two");
    assertThat(sink.arrivals).extracting(Arrival::atMillis).containsOnly(10L);
    send(chain, " three");
    assertThat(sink.received()).isEqualTo("one two three");
  }

  @Test
  void updatingLatency_retimesHeldDataFromItsArrival() {
    ToxicDefinition latency = toxic(ToxicType.LATENCY, Map.of("latency", 1000L));
    ToxicChain chain = chain(latency);
    send(chain, "slow");
    context.advanceMillis(10);
    chain.reconcile(List.of(latency.withUpdate(latency.attributes().with("latency", 50L), 1.0f)));
    context.advanceMillis(100);
    assertThat(sink.arrivals).containsExactly(new Arrival(50, "slow"));
  }

  @Test
  void newToxicsGoToTheEndOfTheChain_andRemovalRewiresAroundThem() {
    ToxicDefinition first = toxic(ToxicType.LATENCY, Map.of("latency", 10L));
    ToxicDefinition second = toxic(ToxicType.SLOW_CLOSE, Map.of("delay", 5L));
    ToxicDefinition third = toxic(ToxicType.LIMIT_DATA, Map.of("bytes", 3L));
    ToxicChain chain = chain(first);
    chain.reconcile(List.of(first, second));
    chain.reconcile(List.of(first, second, third));
    assertThat(chain.toxicNames()).containsExactly(first.name(), second.name(), third.name());
    chain.reconcile(List.of(first, third));
    assertThat(chain.toxicNames()).containsExactly(first.name(), third.name());
    send(chain, "abcdef");
    context.advanceMillis(10);
    assertThat(sink.received()).isEqualTo("abc");
    assertThat(sink.endedAtMillis).isEqualTo(10);
  }

  @Test
  void replacingAToxicUnderTheSameName_isARemoveAndAnAdd() {
    ToxicDefinition partition = toxic(ToxicType.TIMEOUT, Map.of("timeout", 0L));
    ToxicChain chain = chain(partition);
    ToxicDefinition latency = new ToxicDefinition(nextId++, partition.name(), ToxicType.LATENCY,
        StreamDirection.DOWNSTREAM, "downstream", 1.0f, ToxicAttributes.defaults(ToxicType.LATENCY));
    chain.reconcile(List.of(latency));
    // the timeout toxic's removal closed the stream, as Toxiproxy's does
    assertThat(sink.endedAtMillis).isZero();
  }

  @Test
  void dispose_releasesHeldBuffersAndCancelsTimers() {
    ToxicChain chain = chain(toxic(ToxicType.LATENCY, Map.of("latency", 100L)));
    List<io.netty.buffer.ByteBuf> buffers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      io.netty.buffer.ByteBuf buffer = Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII);
      buffers.add(buffer);
      chain.accept(new Chunk(buffer, context.nanoTime()));
    }
    chain.dispose();
    assertThat(buffers).allSatisfy(buffer -> assertThat(buffer.refCnt()).isZero());
    context.advanceMillis(1000);
    assertThat(sink.arrivals).isEmpty();
  }
}

package io.tracklab.harness.coordination;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The controller's relay of write acknowledgements between injectors: each injector hands over
 * its batch and receives every other injector's batches it has not seen, in one exchange (one
 * request per injector per batch interval, whatever N). A batch is kept until every other
 * injector has taken it, so memory holds at most one interval of the slowest reader's backlog.
 * Cost: writes/s × (N − 1) acknowledgements relayed a second, never anything per read.
 * Thread-safe.
 */
public final class AckRelay {
  /** Per writer: batches not yet taken by every reader, and the index of the first of them. */
  private final Map<String, Deque<AckBatch>> kept = new LinkedHashMap<>();
  private final Map<String, Long> firstIndex = new LinkedHashMap<>();
  /** Per reader, per writer: the index of the next batch it has not taken. */
  private final Map<String, Map<String, Long>> cursors = new LinkedHashMap<>();

  public AckRelay(List<String> injectors) {
    for (String writer : injectors) {
      kept.put(writer, new ArrayDeque<>());
      firstIndex.put(writer, 0L);
      Map<String, Long> cursor = new LinkedHashMap<>();
      for (String other : injectors) {
        if (!other.equals(writer)) {
          cursor.put(other, 0L);
        }
      }
      cursors.put(writer, cursor);
    }
  }

  /**
   * Keeps {@code mine} for the others and returns, in each writer's order, the other injectors'
   * batches {@code mine.injector()} has not taken yet.
   *
   * @throws IllegalArgumentException for an injector the run does not have
   */
  public synchronized List<AckBatch> exchange(AckBatch mine) {
    Deque<AckBatch> own = kept.get(mine.injector());
    if (own == null) {
      throw new IllegalArgumentException("no injector " + mine.injector() + " in this run");
    }
    own.addLast(mine);
    List<AckBatch> theirs = new ArrayList<>();
    Map<String, Long> cursor = cursors.get(mine.injector());
    for (Map.Entry<String, Long> next : cursor.entrySet()) {
      String writer = next.getKey();
      long index = firstIndex.get(writer);
      for (AckBatch batch : kept.get(writer)) {
        if (index++ >= next.getValue()) {
          theirs.add(batch);
        }
      }
      next.setValue(index);
      trim(writer);
    }
    trim(mine.injector());
    return theirs;
  }

  /** Acknowledgements kept now, waiting for a reader (what the relay's memory holds). */
  public synchronized long keptAcks() {
    return kept.values().stream().flatMap(Deque::stream).mapToLong(AckBatch::size).sum();
  }

  /** Drops the writer's batches every reader has taken. */
  private void trim(String writer) {
    long taken = Long.MAX_VALUE;
    for (Map.Entry<String, Map<String, Long>> reader : cursors.entrySet()) {
      if (!reader.getKey().equals(writer)) {
        taken = Math.min(taken, reader.getValue().get(writer));
      }
    }
    Deque<AckBatch> batches = kept.get(writer);
    long first = firstIndex.get(writer);
    while (first < taken && !batches.isEmpty()) {
      batches.removeFirst();
      first++;
    }
    firstIndex.put(writer, first);
  }
}

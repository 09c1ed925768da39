package io.tracklab.harness.coordination;

import java.util.Arrays;
import java.util.Objects;

/**
 * One injector's write acknowledgements since its previous batch, on the run's common clock, for
 * the other injectors' checkers (docs/distributed.md, "judging reads across injectors").
 *
 * @param injector who wrote them (the keys' one writer)
 * @param watermarkCommonNanos every acknowledgement of this injector before this instant (common
 *     clock) is in this batch or an earlier one
 * @param uncertaintyNanos how far this injector's common-clock times may be off, either way
 * @param acks triples {@code key, version, acknowledgedAtCommonNanos}, flat: 24 bytes an
 *     acknowledgement in memory, about twice that as JSON
 */
public record AckBatch(String injector, long watermarkCommonNanos, long uncertaintyNanos, long[] acks) {
  public AckBatch {
    Objects.requireNonNull(injector, "injector");
    Objects.requireNonNull(acks, "acks");
    if (acks.length % 3 != 0) {
      throw new IllegalArgumentException("acks are triples (key, version, acknowledged at): " + acks.length + " longs");
    }
  }

  public int size() {
    return acks.length / 3;
  }

  // arrays compare by identity in records: batches are compared by content (tests)
  @Override
  public boolean equals(Object other) {
    return other instanceof AckBatch batch && injector.equals(batch.injector)
        && watermarkCommonNanos == batch.watermarkCommonNanos && uncertaintyNanos == batch.uncertaintyNanos
        && Arrays.equals(acks, batch.acks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(injector, watermarkCommonNanos, uncertaintyNanos, Arrays.hashCode(acks));
  }

  @Override
  public String toString() {
    return "AckBatch[" + injector + ", watermark " + watermarkCommonNanos + ", " + size() + " acks]";
  }
}

package io.tracklab.harness.workload;

/**
 * The keys one of {@code count} injectors writes: those with {@code key % count == index}. Each
 * key then has exactly one writer, whose versions grow, as one injector's checker needs (it
 * judges reads by the order of versions it wrote and the times it saw them acknowledged). Every
 * injector reads every key: reading what another instance writes is what a fleet of near-caches
 * does.
 */
public record KeySlice(int index, int count) {
  /** The whole keyspace: one injector. */
  public static final KeySlice ALL = new KeySlice(0, 1);

  public KeySlice {
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("slice " + index + " of " + count);
    }
  }

  public boolean owns(int key) {
    return key % count == index;
  }

  /**
   * The key of this slice nearest below {@code drawn} (a key the distribution drew), so writes
   * keep the distribution's shape: under Zipf, the hottest keys of each slice are written most.
   *
   * @param keys the keyspace's size ({@code drawn < keys}, {@code keys >= count})
   */
  public int writeKey(int drawn, int keys) {
    int key = drawn - drawn % count + index;
    return key < keys ? key : key - count;
  }
}

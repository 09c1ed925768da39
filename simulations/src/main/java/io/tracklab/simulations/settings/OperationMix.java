package io.tracklab.simulations.settings;

/**
 * How operations split beyond reads and writes ({@link RunSettings#readRatio}): a share of the
 * reads are multi-key reads of {@code mgetSize} keys, a share of the writes are deletes.
 *
 * @param mgetRatio share of reads that are MGETs, 0..1 ({@code -DmgetRatio})
 * @param mgetSize keys per MGET, at least 2 ({@code -DmgetSize})
 * @param deleteRatio share of writes that are DELs, 0..1 ({@code -DdeleteRatio})
 */
public record OperationMix(double mgetRatio, int mgetSize, double deleteRatio) {
  /** Single-key GETs and SETs only. */
  public static final OperationMix GETS_AND_SETS = new OperationMix(0, 2, 0);

  public OperationMix {
    if (!(mgetRatio >= 0 && mgetRatio <= 1)) {
      throw new IllegalArgumentException("mgetRatio must be between 0 and 1, got " + mgetRatio);
    }
    if (mgetSize < 2) {
      throw new IllegalArgumentException("mgetSize must be at least 2, got " + mgetSize);
    }
    if (!(deleteRatio >= 0 && deleteRatio <= 1)) {
      throw new IllegalArgumentException("deleteRatio must be between 0 and 1, got " + deleteRatio);
    }
  }

  static OperationMix from(PropertyReader read, OperationMix defaults) {
    return new OperationMix(
        read.decimal("mgetRatio", defaults.mgetRatio(), 0, 1),
        read.integer("mgetSize", defaults.mgetSize(), 2),
        read.decimal("deleteRatio", defaults.deleteRatio(), 0, 1));
  }
}

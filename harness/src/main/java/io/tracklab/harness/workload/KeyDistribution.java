package io.tracklab.harness.workload;

import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * How keys are picked from a key space of {@code keys} keys. Written as {@code uniform},
 * {@code zipf:<exponent>}, {@code hotset:<fraction>[:<probability>]} or {@code sequential}
 * ({@link #parse}, {@link #describe}).
 */
public sealed interface KeyDistribution {

  /** A chooser for one thread; {@code seed} makes runs repeatable. */
  KeyChooser newChooser(int keys, long seed);

  /** The text form, as {@link #parse} reads it. */
  String describe();

  /** Every key equally likely. */
  record Uniform() implements KeyDistribution {
    @Override
    public KeyChooser newChooser(int keys, long seed) {
      UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      return () -> random.nextInt(keys);
    }

    @Override
    public String describe() {
      return "uniform";
    }
  }

  /**
   * Zipf: key {@code i} (0-based) is picked with probability proportional to
   * {@code 1 / (i + 1)^exponent} (rejection-inversion sampling, O(1) per key).
   */
  record Zipf(double exponent) implements KeyDistribution {
    public Zipf {
      if (!(exponent > 0) || Double.isInfinite(exponent)) {
        throw new IllegalArgumentException("zipf exponent must be a positive number, got " + exponent);
      }
    }

    @Override
    public KeyChooser newChooser(int keys, long seed) {
      SharedStateDiscreteSampler sampler =
          RejectionInversionZipfSampler.of(RandomSource.XO_RO_SHI_RO_128_PP.create(seed), keys, exponent);
      return () -> sampler.sample() - 1;
    }

    @Override
    public String describe() {
      return "zipf:" + exponent;
    }
  }

  /**
   * A hot set: the first {@code fraction} of the keys receive {@code probability} of the picks,
   * uniformly among them; the rest share the remainder uniformly.
   */
  record HotSet(double fraction, double probability) implements KeyDistribution {
    public HotSet {
      if (!(fraction > 0 && fraction < 1)) {
        throw new IllegalArgumentException("hotset fraction must be between 0 and 1 (exclusive), got " + fraction);
      }
      if (!(probability >= 0 && probability <= 1)) {
        throw new IllegalArgumentException("hotset probability must be between 0 and 1, got " + probability);
      }
    }

    @Override
    public KeyChooser newChooser(int keys, long seed) {
      UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
      int hot = Math.max(1, Math.min(keys - 1, (int) Math.round(keys * fraction)));
      int cold = keys - hot;
      return () -> random.nextDouble() < probability ? random.nextInt(hot) : hot + random.nextInt(cold);
    }

    @Override
    public String describe() {
      return "hotset:" + fraction + ":" + probability;
    }
  }

  /** Keys in order, 0, 1, 2, ..., wrapping; each thread starts where its seed puts it. */
  record Sequential() implements KeyDistribution {
    @Override
    public KeyChooser newChooser(int keys, long seed) {
      int[] next = {(int) Math.floorMod(seed, (long) keys)};
      return () -> {
        int key = next[0];
        next[0] = key + 1 == keys ? 0 : key + 1;
        return key;
      };
    }

    @Override
    public String describe() {
      return "sequential";
    }
  }

  /**
   * Reads {@code uniform}, {@code zipf:0.99}, {@code hotset:0.1} (probability 0.9),
   * {@code hotset:0.1:0.8}, {@code sequential}.
   *
   * @throws IllegalArgumentException naming the bad value and the forms there are
   */
  static KeyDistribution parse(String text) {
    String[] parts = String.valueOf(text).trim().toLowerCase(Locale.ROOT).split(":");
    try {
      switch (parts.length == 0 ? "" : parts[0]) { // ":" splits into nothing
        case "uniform":
          if (parts.length == 1) {
            return new Uniform();
          }
          break;
        case "sequential":
          if (parts.length == 1) {
            return new Sequential();
          }
          break;
        case "zipf":
          if (parts.length == 2) {
            return new Zipf(Double.parseDouble(parts[1]));
          }
          break;
        case "hotset":
          if (parts.length == 2 || parts.length == 3) {
            return new HotSet(Double.parseDouble(parts[1]), parts.length == 3 ? Double.parseDouble(parts[2]) : 0.9);
          }
          break;
        default:
          break;
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("distribution '" + text + "' has a number that is not one: " + e.getMessage());
    }
    throw new IllegalArgumentException("unknown distribution '" + text
        + "': expected uniform, zipf:<exponent>, hotset:<fraction>[:<probability>] or sequential");
  }
}

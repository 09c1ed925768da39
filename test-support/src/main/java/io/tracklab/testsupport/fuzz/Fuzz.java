package io.tracklab.testsupport.fuzz;

import java.security.SecureRandom;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Runs a property over generated input inside one JUnit test method: first every value the
 * generator lists ({@link Gen#listed}), once each, then {@code tries} random values (times
 * {@code -Dfuzz.scale=K}). The first input the check rejects fails the test with an
 * {@link AssertionError} naming the seed, the try and the input.
 *
 * <p>Replay: the seed is random per run (per JVM) unless {@code -Dfuzz.seed=N} is given, and every
 * property starts its own generator from that seed, so one failing test replays exactly on its own
 * ({@code ./mvnw -pl MODULE test -Dtest=Class#method -Dfuzz.seed=N}) whatever ran before it.
 *
 * <p>Why the loop sits inside one test method rather than a parameterized test: a case per input
 * would make thousands of JUnit (and Allure) results of a property that is one claim. Nothing
 * shrinks a failing input; the inputs here are short by construction.
 */
public final class Fuzz {
  /** System property that fixes the seed, to replay a failure. */
  public static final String SEED = "fuzz.seed";
  /** System property that multiplies every property's random tries, for a longer local run. */
  public static final String SCALE = "fuzz.scale";

  private static final long RUN_SEED = seedOfThisRun();

  private Fuzz() {}

  /** What a property checks of one input; anything it throws rejects the input. */
  @FunctionalInterface
  public interface Check<T> {
    void accept(T input) throws Exception;
  }

  /** The seed this run's properties draw from. */
  public static long seed() {
    return RUN_SEED;
  }

  /** Checks every listed value of {@code inputs}, then {@code tries} random ones (times the scale). */
  public static <T> void forAll(int tries, Gen<T> inputs, Check<? super T> check) {
    forAll(RUN_SEED, scale(), tries, inputs, check);
  }

  /** {@link #forAll(int, Gen, Check)} with the seed and scale given rather than read. */
  static <T> void forAll(long seed, int scale, int tries, Gen<T> inputs, Check<? super T> check) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries: " + tries + " (a property needs at least one try)");
    }
    UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    List<T> listed = inputs.listed(random);
    long randomTries = (long) tries * scale;
    long total = listed.size() + randomTries;
    long attempt = 0;
    for (T input : listed) {
      attempt++;
      run(seed, check, input, attempt, total, "listed value " + attempt + " of " + listed.size());
    }
    for (long i = 1; i <= randomTries; i++) {
      attempt++;
      run(seed, check, inputs.next(random), attempt, total, "random value " + i + " of " + randomTries);
    }
  }

  private static <T> void run(long seed, Check<? super T> check, T input, long attempt, long total, String which) {
    try {
      check.accept(input);
    } catch (Throwable rejected) {
      if (rejected instanceof VirtualMachineError fatal && !(fatal instanceof StackOverflowError)) {
        throw fatal;
      }
      throw new AssertionError("property failed on try " + attempt + " of " + total + " (" + which + ") with seed "
          + seed + "; replay with -D" + SEED + "=" + seed + "\n  input: " + describe(input)
          + "\n  failure: " + rejected, rejected);
    }
  }

  /**
   * The input as a reader can retype it: strings quoted, control and non-ASCII characters escaped,
   * line breaks kept as {@code \n} so a generated file stays on one line of the report.
   */
  static String describe(Object input) {
    if (input instanceof String text) {
      return '"' + escape(text) + '"';
    }
    if (input instanceof Gens.Pair<?, ?> pair) {
      return "(" + describe(pair.first()) + ", " + describe(pair.second()) + ")";
    }
    if (input instanceof Gens.Triple<?, ?, ?> triple) {
      return "(" + describe(triple.first()) + ", " + describe(triple.second()) + ", " + describe(triple.third()) + ")";
    }
    return escape(String.valueOf(input));
  }

  private static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length() + 8);
    text.codePoints().forEach(c -> {
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\t' -> escaped.append("\\t");
        case '\r' -> escaped.append("\\r");
        case '"' -> escaped.append("\\\"");
        case '\\' -> escaped.append("\\\\");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            escaped.append(String.format("\\u%04x", c));
          } else {
            escaped.appendCodePoint(c);
          }
        }
      }
    });
    return escaped.toString();
  }

  private static int scale() {
    String text = System.getProperty(SCALE);
    if (text == null || text.isBlank()) {
      return 1;
    }
    try {
      int scale = Integer.parseInt(text.trim());
      if (scale >= 1) {
        return scale;
      }
    } catch (NumberFormatException notANumber) {
      // reported below, with the value
    }
    throw new IllegalArgumentException("-D" + SCALE + "=" + text + ": must be a whole number of at least 1");
  }

  private static long seedOfThisRun() {
    String text = System.getProperty(SEED);
    if (text == null || text.isBlank()) {
      return new SecureRandom().nextLong();
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException("-D" + SEED + "=" + text + ": must be a whole number (a seed a failure printed)",
          notANumber);
    }
  }
}

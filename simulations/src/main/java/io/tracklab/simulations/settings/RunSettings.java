package io.tracklab.simulations;

import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * A simulation's parameters, from system properties ({@code -Dtopology=sentinel ...}) over the
 * simulation's defaults. Bad values fail at once with the property, the value and what is
 * expected.
 *
 * @param users virtual users, each issuing operations back to back (closed model)
 * @param rate total operations per second to hold (Gatling throttle); 0: as fast as the users go
 * @param staleBound the staleness bound: a stale read older than this fails the staleness gate
 */
public record RunSettings(
    TopologyKind topology,
    String client,
    Duration duration,
    int users,
    double rate,
    int keys,
    KeyDistribution distribution,
    double readRatio,
    int valueSize,
    Duration staleBound,
    Duration clientTtl) {

  /** Parses {@code 30s}, {@code 2m}, {@code 500ms}, {@code 1h}. */
  static Duration duration(String property, String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      long amount = Long.parseLong(value.substring(0, value.length() - 1));
      switch (value.charAt(value.length() - 1)) {
        case 's':
          return Duration.ofSeconds(amount);
        case 'm':
          return Duration.ofMinutes(amount);
        case 'h':
          return Duration.ofHours(amount);
        default:
          break;
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException("-D" + property + "=" + text
        + " is not a duration: write it like 30s, 2m, 500ms or 1h");
  }

  /** The defaults of one simulation, overridden by system properties. */
  public static RunSettings from(Properties properties, RunSettings defaults) {
    TopologyKind topology = TopologyKind.parse(properties.getProperty("topology", defaults.topology().label()));
    String client = properties.getProperty("client", defaults.client()).trim().toLowerCase(Locale.ROOT);
    if (!client.equals("tracklab") && !client.equals("ttl")) {
      throw new IllegalArgumentException("-Dclient=" + client + " is not a client: expected tracklab or ttl");
    }
    Duration duration = properties.containsKey("duration")
        ? duration("duration", properties.getProperty("duration")) : defaults.duration();
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException("-Dduration must be positive, got " + duration);
    }
    int users = integer(properties, "users", defaults.users(), 1);
    double rate = decimal(properties, "rate", defaults.rate(), 0);
    int keys = integer(properties, "keys", defaults.keys(), 1);
    KeyDistribution distribution;
    try {
      distribution = properties.containsKey("distribution")
          ? KeyDistribution.parse(properties.getProperty("distribution")) : defaults.distribution();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-Ddistribution: " + e.getMessage(), e);
    }
    double readRatio = decimal(properties, "readRatio", defaults.readRatio(), 0);
    if (readRatio > 1) {
      throw new IllegalArgumentException("-DreadRatio must be between 0 and 1, got " + readRatio);
    }
    int valueSize = integer(properties, "valueSize", defaults.valueSize(), 1);
    Duration staleBound = properties.containsKey("staleBound")
        ? duration("staleBound", properties.getProperty("staleBound")) : defaults.staleBound();
    Duration clientTtl = properties.containsKey("clientTtl")
        ? duration("clientTtl", properties.getProperty("clientTtl")) : defaults.clientTtl();
    return new RunSettings(topology, client, duration, users, rate, keys, distribution, readRatio, valueSize,
        staleBound, clientTtl);
  }

  private static int integer(Properties properties, String name, int fallback, int minimum) {
    String text = properties.getProperty(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= minimum) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("-D" + name + "=" + text + " must be a whole number of at least " + minimum);
  }

  private static double decimal(Properties properties, String name, double fallback, double minimum) {
    String text = properties.getProperty(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= minimum && !Double.isInfinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("-D" + name + "=" + text + " must be a number of at least " + minimum);
  }
}

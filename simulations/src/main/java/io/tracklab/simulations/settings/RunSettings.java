package io.tracklab.simulations.settings;

import io.tracklab.harness.config.DurationText;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * A simulation's workload parameters, from system properties ({@code -Dtopology=sentinel ...})
 * over the simulation's defaults. Bad values fail at once with the property, the value and what
 * is expected.
 *
 * @param client {@code tracklab} (the tracked near-cache) or {@code ttl} (a TTL-only cache with
 *     no invalidation, the weakened client gates must catch) or {@code none} (no local cache:
 *     every read goes to Redis, the baseline) or a peer library's client-side cache
 *     ({@code lettuce-csc}, {@code jedis-csc}, {@code redisson}; see {@link #CLIENTS})
 * @param users virtual users, each issuing operations back to back (closed model)
 * @param rate total operations per second to hold (Gatling throttle); 0: as fast as the users go
 * @param clientTtl the TTL of the {@code ttl} client
 * @param maxEntryAge the {@code tracklab} client's cap on an entry's age ({@code NearCacheConfig}'s
 *     safety net for changes Redis never announces, such as SWAPDB)
 * @param mix MGETs among the reads and DELs among the writes
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
    Duration clientTtl,
    Duration maxEntryAge,
    OperationMix mix) {

  /** Settings with the near-cache's default entry age cap ({@link NearCacheConfig#DEFAULT_MAX_ENTRY_AGE}). */
  public RunSettings(TopologyKind topology, String client, Duration duration, int users, double rate, int keys,
      KeyDistribution distribution, double readRatio, int valueSize, Duration clientTtl, OperationMix mix) {
    this(topology, client, duration, users, rate, keys, distribution, readRatio, valueSize, clientTtl,
        NearCacheConfig.DEFAULT_MAX_ENTRY_AGE, mix);
  }

  /**
   * The clients a run can read through: tracklab's near-cache, a TTL-only cache, no cache, and
   * the client-side caches of Lettuce, Jedis and Redisson ({@code harness.client}; which of them
   * cannot run which topology: {@code ClientSupport}).
   */
  public static final java.util.List<String> CLIENTS =
      java.util.List.of("tracklab", "tracklab-bcast", "tracklab-optin", "ttl", "none", "lettuce-csc", "jedis-csc",
          "redisson");

  /** The defaults of one simulation, overridden by system properties. */
  public static RunSettings from(Properties properties, RunSettings defaults) {
    PropertyReader read = new PropertyReader(properties);
    TopologyKind topology;
    try {
      topology = TopologyKind.parse(read.text("topology", defaults.topology().label()));
    } catch (TopologyException e) {
      throw new IllegalArgumentException("-Dtopology: " + e.getMessage(), e);
    }
    String client = read.text("client", defaults.client()).toLowerCase(Locale.ROOT);
    if (!CLIENTS.contains(client)) {
      throw new IllegalArgumentException("-Dclient=" + client + " is not a client: expected " + String.join(", ", CLIENTS));
    }
    KeyDistribution distribution;
    try {
      distribution = read.has("distribution")
          ? KeyDistribution.parse(read.text("distribution", "")) : defaults.distribution();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("-Ddistribution: " + e.getMessage(), e);
    }
    return new RunSettings(topology, client,
        read.positiveDuration("duration", defaults.duration()),
        read.integer("users", defaults.users(), 1),
        read.decimal("rate", defaults.rate(), 0, Double.MAX_VALUE),
        read.integer("keys", defaults.keys(), 1),
        distribution,
        read.decimal("readRatio", defaults.readRatio(), 0, 1),
        read.integer("valueSize", defaults.valueSize(), 1),
        read.positiveDuration("clientTtl", defaults.clientTtl()),
        read.positiveDuration("maxEntryAge", defaults.maxEntryAge()),
        OperationMix.from(read, defaults.mix()));
  }

  /**
   * Records a second of each kind in Gatling's report, {@code -Dreport.recordsPerSecond}
   * (default 50; 0: every operation).
   */
  public static int reportRecordsPerSecond(Properties properties) {
    return new PropertyReader(properties).integer("report.recordsPerSecond", 50, 0);
  }

  /** The same settings with another client (one of {@link #CLIENTS}). */
  public RunSettings withClient(String other) {
    if (!CLIENTS.contains(other)) {
      throw new IllegalArgumentException(other + " is not a client: expected " + String.join(", ", CLIENTS));
    }
    return new RunSettings(topology, other, duration, users, rate, keys, distribution, readRatio, valueSize, clientTtl,
        maxEntryAge, mix);
  }

  /** The same settings at another rate (operations a second; 0: as fast as the users go). */
  public RunSettings withRate(double other) {
    if (!(other >= 0) || Double.isInfinite(other)) {
      throw new IllegalArgumentException("a rate is 0 (as fast as the users go) or more operations a second, got "
          + other);
    }
    return new RunSettings(topology, client, duration, users, other, keys, distribution, readRatio, valueSize, clientTtl,
        maxEntryAge, mix);
  }

  /** The same settings with another number of users (at least 1). */
  public RunSettings withUsers(int other) {
    if (other < 1) {
      throw new IllegalArgumentException("users: at least 1, got " + other);
    }
    return new RunSettings(topology, client, duration, other, rate, keys, distribution, readRatio, valueSize, clientTtl,
        maxEntryAge, mix);
  }

  /** For people: {@code standalone, client tracklab, 30s, 8 users at 5000 ops/s, ...}. */
  public String describe() {
    String load = users + (users == 1 ? " user" : " users") + (rate > 0 ? " at " + Numbers.plain(rate) + " ops/s" : " unthrottled");
    String reads = Numbers.plain(readRatio * 100) + "% reads" + (mix.mgetRatio() > 0
        ? " (" + Numbers.plain(mix.mgetRatio() * 100) + "% of them " + mix.mgetSize() + "-key MGETs)" : "");
    String writes = mix.deleteRatio() > 0 ? ", " + Numbers.plain(mix.deleteRatio() * 100) + "% of writes DELs" : "";
    String expiring = mix.expiringKeys() > 0 ? ", " + Numbers.plain(mix.expiringKeys() * 100) + "% of keys written with a "
        + DurationText.format(mix.keyTtl()) + " TTL" : "";
    String clientSetting = client.equals("ttl") ? " (ttl " + DurationText.format(clientTtl) + ")"
        : client.startsWith("tracklab") && !maxEntryAge.equals(NearCacheConfig.DEFAULT_MAX_ENTRY_AGE)
            ? " (max entry age " + DurationText.format(maxEntryAge) + ")" : "";
    return topology + ", client " + client + clientSetting
        + ", " + DurationText.format(duration) + ", " + load + ", " + keys + " keys " + distribution.describe() + ", "
        + reads + writes + expiring + ", " + valueSize + "-byte values";
  }
}

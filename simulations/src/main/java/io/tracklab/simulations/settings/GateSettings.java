package io.tracklab.simulations.settings;

import io.tracklab.harness.config.DurationText;
import java.time.Duration;
import java.util.Properties;

/**
 * The thresholds of a simulation's gates, from system properties over the simulation's
 * defaults, so CI can tighten or relax one without editing code:
 * {@code -Dgate.failedPercent -Dgate.remoteP99 -DstaleBound -Dgate.invalidationP99 -Dgate.hitRatio}.
 *
 * @param failedPercent most operations (reads and writes) that may fail, in percent
 * @param remoteP99 highest p99 of remote reads (Gatling's whole milliseconds)
 * @param staleBound the staleness bound: any stale read older than this fails (DESIGN.md 4,
 *     heartbeat deadline + injected one-way latency + tolerance)
 * @param invalidationP99 highest p99 of the invalidation delay
 * @param hitRatio lowest fraction of reads served locally; 0 turns the gate (and its
 *     per-read pseudo-request) off
 */
public record GateSettings(
    double failedPercent,
    Duration remoteP99,
    Duration staleBound,
    Duration invalidationP99,
    double hitRatio) {

  public static GateSettings from(Properties properties, GateSettings defaults) {
    PropertyReader read = new PropertyReader(properties);
    return new GateSettings(
        read.decimal("gate.failedPercent", defaults.failedPercent(), 0, 100),
        read.positiveDuration("gate.remoteP99", defaults.remoteP99()),
        read.positiveDuration("staleBound", defaults.staleBound()),
        read.positiveDuration("gate.invalidationP99", defaults.invalidationP99()),
        read.decimal("gate.hitRatio", defaults.hitRatio(), 0, 1));
  }

  /** The same gates with another staleness bound (a chaos simulation adds its injected latency). */
  public GateSettings withStaleBound(Duration bound) {
    return new GateSettings(failedPercent, remoteP99, bound, invalidationP99, hitRatio);
  }

  /** For people: {@code failed <= 0%, remote p99 <= 50ms, staleness <= 550ms, ...}. */
  public String describe() {
    return "failed <= " + Numbers.plain(failedPercent) + "%, remote read p99 <= " + DurationText.format(remoteP99)
        + ", no stale read older than " + DurationText.format(staleBound) + ", invalidation delay p99 <= "
        + DurationText.format(invalidationP99) + (hitRatio > 0 ? ", hit ratio >= " + Numbers.plain(hitRatio) : "");
  }
}

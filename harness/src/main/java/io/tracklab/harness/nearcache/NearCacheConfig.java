package io.tracklab.harness.nearcache;

import io.lettuce.core.SslOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link TrackedNearCache} behaves. Immutable; build with {@link #builder()} (defaults in
 * the {@code DEFAULT_*} constants) or change one with {@link #mutate()}. Every field is checked
 * when built, and the message names the field and the bad value.
 *
 * @param mode which {@code CLIENT TRACKING} mode to use
 * @param prefixes key prefixes for {@link TrackingMode#BCAST} (none: every key); empty otherwise
 * @param noLoop {@code NOLOOP}: no invalidations for this client's own writes (it drops its own
 *     entries locally instead)
 * @param maxEntries most entries held; Caffeine evicts beyond it
 * @param maxEntryAge safety net: no entry is served older than this, whatever Redis says
 * @param heartbeatInterval how often the tracking connection is PINGed
 * @param heartbeatDeadline how long without a PING reply before hits stop and the cache flushes
 * @param readFrom which nodes serve reads (primaries only for now)
 * @param ssl how to reach Redis over TLS (trust, client certificate); null without TLS
 * @param commandTimeout how long a blocking read or write ({@code get}, {@code set}, ...) waits
 *     for Redis before it fails with a {@link NearCacheException} (the async methods do not wait)
 */
public record NearCacheConfig(
    TrackingMode mode,
    List<String> prefixes,
    boolean noLoop,
    long maxEntries,
    Duration maxEntryAge,
    Duration heartbeatInterval,
    Duration heartbeatDeadline,
    ReadFrom readFrom,
    SslOptions ssl,
    Duration commandTimeout) {

  public static final TrackingMode DEFAULT_MODE = TrackingMode.DEFAULT;
  public static final long DEFAULT_MAX_ENTRIES = 100_000;
  public static final Duration DEFAULT_MAX_ENTRY_AGE = Duration.ofMinutes(10);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(100);
  public static final Duration DEFAULT_HEARTBEAT_DEADLINE = Duration.ofMillis(500);
  /** Not Lettuce's 60 s: a cache in front of Redis that waits a minute is not a cache. */
  public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  public NearCacheConfig {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(readFrom, "readFrom");
    prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
    if (mode != TrackingMode.BCAST && !prefixes.isEmpty()) {
      throw new IllegalArgumentException("prefixes " + prefixes + " only apply to BCAST mode, not " + mode);
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, got " + maxEntries);
    }
    requirePositive("maxEntryAge", maxEntryAge);
    requirePositive("heartbeatInterval", heartbeatInterval);
    requirePositive("heartbeatDeadline", heartbeatDeadline);
    requirePositive("commandTimeout", commandTimeout);
    if (heartbeatDeadline.compareTo(heartbeatInterval) <= 0) {
      throw new IllegalArgumentException("heartbeatDeadline (" + heartbeatDeadline
          + ") must be longer than heartbeatInterval (" + heartbeatInterval + "), or every pause between "
          + "heartbeats would count as a missed deadline");
    }
  }

  private static void requirePositive(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
  }

  /**
   * Whether Redis will send invalidations for {@code key} in this mode, i.e. whether a read of it
   * may be cached: in BCAST mode only keys under a configured prefix (or any key when there are
   * none); in the other modes every key read through the tracking connection.
   */
  public boolean tracks(String key) {
    if (mode != TrackingMode.BCAST || prefixes.isEmpty()) {
      return true;
    }
    for (String prefix : prefixes) {
      if (key.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The TLS options, when the cache reaches Redis over TLS. */
  public Optional<SslOptions> tls() {
    return Optional.ofNullable(ssl);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder mutate() {
    return new Builder().mode(mode).prefixes(prefixes).noLoop(noLoop).maxEntries(maxEntries)
        .maxEntryAge(maxEntryAge).heartbeatInterval(heartbeatInterval).heartbeatDeadline(heartbeatDeadline)
        .readFrom(readFrom).ssl(ssl).commandTimeout(commandTimeout);
  }

  /** Builds a {@link NearCacheConfig}; unset fields take the {@code DEFAULT_*} values. */
  public static final class Builder {
    private TrackingMode mode = DEFAULT_MODE;
    private List<String> prefixes = List.of();
    private boolean noLoop;
    private long maxEntries = DEFAULT_MAX_ENTRIES;
    private Duration maxEntryAge = DEFAULT_MAX_ENTRY_AGE;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private SslOptions ssl;
    private Duration heartbeatDeadline = DEFAULT_HEARTBEAT_DEADLINE;
    private ReadFrom readFrom = ReadFrom.PRIMARY;
    private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

    private Builder() {}

    public Builder commandTimeout(Duration commandTimeout) {
      this.commandTimeout = commandTimeout;
      return this;
    }

    public Builder readFrom(ReadFrom readFrom) {
      this.readFrom = readFrom;
      return this;
    }

    public Builder mode(TrackingMode mode) {
      this.mode = mode;
      return this;
    }

    /** {@link TrackingMode#BCAST} with these prefixes. */
    public Builder broadcast(String... prefixes) {
      this.mode = TrackingMode.BCAST;
      this.prefixes = List.of(prefixes);
      return this;
    }

    public Builder prefixes(List<String> prefixes) {
      this.prefixes = prefixes;
      return this;
    }

    public Builder noLoop(boolean noLoop) {
      this.noLoop = noLoop;
      return this;
    }

    public Builder maxEntries(long maxEntries) {
      this.maxEntries = maxEntries;
      return this;
    }

    public Builder maxEntryAge(Duration maxEntryAge) {
      this.maxEntryAge = maxEntryAge;
      return this;
    }

    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    public Builder heartbeatDeadline(Duration heartbeatDeadline) {
      this.heartbeatDeadline = heartbeatDeadline;
      return this;
    }

    /** TLS options for every connection of the cache (Lettuce's {@code ClientOptions.sslOptions}). */
    public Builder ssl(SslOptions ssl) {
      this.ssl = ssl;
      return this;
    }

    public NearCacheConfig build() {
      return new NearCacheConfig(mode, prefixes, noLoop, maxEntries, maxEntryAge, heartbeatInterval,
          heartbeatDeadline, readFrom, ssl, commandTimeout);
    }
  }
}

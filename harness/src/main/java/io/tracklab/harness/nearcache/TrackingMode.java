package io.tracklab.harness.nearcache;

/** How Redis decides which keys to send invalidations for (the modes of {@code CLIENT TRACKING}). */
public enum TrackingMode {
  /** Redis remembers the keys this connection read and invalidates those. */
  DEFAULT,
  /** Broadcast: every write to a key under one of the configured prefixes is announced. */
  BCAST,
  /** Only reads preceded by {@code CLIENT CACHING YES} are tracked; others are not cached. */
  OPTIN
}

package io.tracklab.reports.compare;

/** Which way a metric improves. */
public enum Better {
  /** Latency, staleness, failures, failover time: smaller is better. */
  LOWER,
  /** Throughput, hit ratio: larger is better. */
  HIGHER;

  /** How much worse {@code current} is than {@code baseline} (negative: better). */
  double worsening(double baseline, double current) {
    return this == LOWER ? current - baseline : baseline - current;
  }
}

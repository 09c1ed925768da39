package io.tracklab.reports.compare;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One metric of the current run against the baseline's, and the verdict.
 *
 * @param baseline the baseline's value, empty when it did not measure this metric
 * @param current the current run's value, the same
 * @param tolerancePercent how much worse than the baseline (% of its value) the current run may be
 */
public record MetricComparison(Metric metric, OptionalDouble baseline, OptionalDouble current,
    double tolerancePercent, Verdict verdict) {

  public MetricComparison {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** Compares {@code current} with {@code baseline} on {@code metric}. */
  public static MetricComparison of(Metric metric, OptionalDouble baseline, OptionalDouble current,
      double tolerancePercent) {
    return new MetricComparison(metric, baseline, current, tolerancePercent,
        judge(metric, baseline, current, tolerancePercent));
  }

  /**
   * Absent on either side: not compared. Violations: any increase regresses. Otherwise a change
   * within the noise floor is the same; beyond it, better, or worse: within tolerance up to the
   * allowed worsening ({@link #allowedWorsening}), regressed past it.
   */
  static Verdict judge(Metric metric, OptionalDouble baseline, OptionalDouble current, double tolerancePercent) {
    if (baseline.isEmpty() || current.isEmpty()) {
      return Verdict.NOT_COMPARED;
    }
    double before = baseline.getAsDouble();
    double after = current.getAsDouble();
    double worsening = metric.better().worsening(before, after);
    if (metric.anyIncreaseRegresses()) {
      return worsening > 0 ? Verdict.REGRESSED : worsening < 0 ? Verdict.BETTER : Verdict.SAME;
    }
    if (Math.abs(after - before) <= metric.noiseFloor()) {
      return Verdict.SAME;
    }
    if (worsening < 0) {
      return Verdict.BETTER;
    }
    return worsening > allowedWorsening(metric, before, tolerancePercent)
        ? Verdict.REGRESSED : Verdict.WORSE_WITHIN_TOLERANCE;
  }

  /** How much worse than {@code baseline} a run may be: the tolerance's share of it, at least the noise floor. */
  static double allowedWorsening(Metric metric, double baseline, double tolerancePercent) {
    return metric.anyIncreaseRegresses() ? 0
        : Math.max(tolerancePercent / 100 * metric.relativeTo().base(baseline), metric.noiseFloor());
  }

  /** The allowed worsening for this comparison, empty without a baseline value. */
  public OptionalDouble allowedWorsening() {
    return baseline.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(allowedWorsening(metric, baseline.getAsDouble(), tolerancePercent));
  }

  /** The verdict as the table shows it; for a metric not compared, which run lacks it. */
  public String verdictText() {
    if (verdict != Verdict.NOT_COMPARED) {
      return verdict.text();
    }
    return baseline.isEmpty() && current.isEmpty() ? "not measured"
        : baseline.isEmpty() ? "not in baseline" : "not in current";
  }

  /** current - baseline, empty unless both were measured. */
  public OptionalDouble delta() {
    return baseline.isEmpty() || current.isEmpty() ? OptionalDouble.empty()
        : OptionalDouble.of(current.getAsDouble() - baseline.getAsDouble());
  }

  /** The delta as a percentage of the baseline's value; empty when that is 0 (or either is absent). */
  public OptionalDouble deltaPercent() {
    OptionalDouble delta = delta();
    if (delta.isEmpty() || baseline.getAsDouble() == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(100 * delta.getAsDouble() / Math.abs(baseline.getAsDouble()));
  }
}

package io.tracklab.reports.compare;

/** One metric of the current run against the baseline's. */
public enum Verdict {
  /** Better by more than the metric's noise floor. */
  BETTER("better"),
  /** Within the noise floor either way. */
  SAME("same"),
  /** Worse by more than the noise floor, but not by more than the tolerance allows. */
  WORSE_WITHIN_TOLERANCE("worse, within tolerance"),
  /** Worse by more than the tolerance allows (for violations: any increase). */
  REGRESSED("REGRESSED"),
  /** Measured in only one of the two runs (e.g. a failover time when only one had a failover). */
  NOT_COMPARED("not compared");

  private final String text;

  Verdict(String text) {
    this.text = text;
  }

  /** As the table shows it. */
  public String text() {
    return text;
  }
}

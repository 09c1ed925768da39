package io.tracklab.harness.result;

/**
 * A gate checked against a run: {@code metric comparison threshold}, what was measured, and
 * whether it passed.
 *
 * @param comparison {@code <}, {@code <=}, {@code >}, {@code >=} or {@code ==}
 */
public record GateVerdict(String name, String metric, String comparison, double threshold, double measured,
    boolean passed) {

  /**
   * A threshold or measurement as people read it, the same on the console, the summary page and
   * in Allure: whole numbers as such, others with up to 3 decimals ({@code 51.199}, {@code 0.4}).
   */
  public static String format(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return String.format(java.util.Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
  }
}

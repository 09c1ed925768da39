package io.tracklab.reports.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much worse than the baseline a metric may get before it is a regression: a percentage of
 * the baseline's value, the same for every metric unless one is named. Whatever the percentage, a
 * change within a metric's {@linkplain Metric#noiseFloor() noise floor} is never a regression, and
 * any increase of {@code violations} always is.
 *
 * <p>Written on the command line as {@code --tolerance 20%} (every metric) and
 * {@code --tolerance remote_read_p99_ms=50%} (one metric), repeated or comma-separated.
 *
 * @param percent for every metric not in {@code percentByMetric}
 * @param percentByMetric by metric name ({@link RunMetrics#ALL})
 */
public record Tolerance(double percent, Map<String, Double> percentByMetric) {
  /**
   * The default, {@value}%. Measured: the read-heavy baseline (10 s, 10,000 ops/s, standalone,
   * local processes) six times on 2 shared cores; each figure's spread (max - min) over the six:
   * MEASUREMENTS
   */
  public static final double DEFAULT_PERCENT = 25;

  /** {@value #DEFAULT_PERCENT}% for every metric. */
  public static final Tolerance DEFAULT = new Tolerance(DEFAULT_PERCENT, Map.of());

  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern FOR_METRIC = Pattern.compile("([^=]*)=(.*)");

  public Tolerance {
    checkPercent("tolerance", percent);
    percentByMetric = percentByMetric == null ? Map.of() : Map.copyOf(percentByMetric);
    percentByMetric.forEach((name, value) -> {
      Metric metric = RunMetrics.named(name).orElseThrow(() -> new IllegalArgumentException(
          "tolerance for \"" + name + "\": no such metric; metrics are " + RunMetrics.names()));
      if (metric.anyIncreaseRegresses()) {
        throw new IllegalArgumentException("tolerance for \"" + name + "\": any increase of " + name
            + " is a regression; it takes no tolerance");
      }
      checkPercent("tolerance for " + name, value);
    });
  }

  private static void checkPercent(String what, Double value) {
    if (value == null || !(value >= 0) || value.isInfinite()) {
      throw new IllegalArgumentException(what + " must be a percentage >= 0, got " + value);
    }
  }

  /**
   * The tolerance {@code specs} write, on top of the default: each is {@code <percent>%} or
   * {@code <metric>=<percent>%}.
   *
   * @throws IllegalArgumentException naming the spec that is not one of those, or the metric that
   *     does not exist
   */
  public static Tolerance parse(List<String> specs) {
    Double percent = null;
    Map<String, Double> byMetric = new LinkedHashMap<>();
    for (String spec : specs) {
      String text = spec.strip();
      Matcher forMetric = FOR_METRIC.matcher(text);
      if (forMetric.matches()) {
        String name = forMetric.group(1).strip();
        if (byMetric.containsKey(name)) {
          throw new IllegalArgumentException("\"" + spec + "\": a tolerance for " + name + " was already given ("
              + format(byMetric.get(name)) + ")");
        }
        byMetric.put(name, percentOf(spec, forMetric.group(2).strip()));
      } else {
        if (percent != null) {
          throw new IllegalArgumentException("\"" + spec + "\": a tolerance for every metric was already given ("
              + format(percent) + "); name a metric to set one: <metric>=<percent>%");
        }
        percent = percentOf(spec, text);
      }
    }
    return new Tolerance(percent == null ? DEFAULT_PERCENT : percent, byMetric);
  }

  private static double percentOf(String spec, String text) {
    Matcher matcher = PERCENT.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("\"" + spec + "\": \"" + text + "\" is not a percentage; write a tolerance "
          + "like 20% (every metric) or remote_read_p99_ms=50% (one metric)");
    }
    return Double.parseDouble(matcher.group(1));
  }

  /** The percentage for {@code metric}. */
  public double percentFor(Metric metric) {
    return percentByMetric.getOrDefault(metric.name(), percent);
  }

  /** For people: {@code 25%}, or {@code 25% (remote_read_p99_ms 50%)}. */
  public String describe() {
    if (percentByMetric.isEmpty()) {
      return format(percent);
    }
    StringBuilder text = new StringBuilder(format(percent)).append(" (");
    RunMetrics.ALL.stream().filter(metric -> percentByMetric.containsKey(metric.name())).forEach(metric ->
        text.append(text.charAt(text.length() - 1) == '(' ? "" : ", ").append(metric.name()).append(' ')
            .append(format(percentByMetric.get(metric.name()))));
    return text.append(')').toString();
  }

  static String format(double percent) {
    return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%s", percent))
        + "%";
  }
}

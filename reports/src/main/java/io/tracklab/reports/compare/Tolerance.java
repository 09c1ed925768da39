package io.tracklab.reports.compare;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much worse than the baseline a metric may get before it is a regression: a percentage of
 * the baseline's value (of the misses, for the hit ratio: {@link Metric.RelativeTo}). Without
 * {@code --tolerance} each metric has its own measured default ({@link Metric#defaultTolerancePercent},
 * {@value #DEFAULT_PERCENT}% for most); {@code --tolerance 20%} sets every metric, and
 * {@code --tolerance remote_read_p99_ms=50%} one. Whatever the percentage, a change within a
 * metric's {@linkplain Metric#noiseFloor() noise floor} is never a regression, and any increase of
 * {@code violations} always is.
 *
 * @param percent for every metric not in {@code percentByMetric}; null: each metric's own default
 * @param percentByMetric by metric name ({@link RunMetrics#ALL})
 */
public record Tolerance(Double percent, Map<String, Double> percentByMetric) {
  /**
   * The default tolerance of most metrics, {@value}%; the others' are in {@link RunMetrics}. How
   * both, and the noise floors, follow from measurements is written there.
   */
  public static final double DEFAULT_PERCENT = 25;

  /** Each metric's own default. */
  public static final Tolerance DEFAULT = new Tolerance(null, Map.of());

  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)%");
  private static final Pattern FOR_METRIC = Pattern.compile("([^=]*)=(.*)");

  public Tolerance {
    if (percent != null) {
      checkPercent("tolerance", percent);
    }
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
        Metric metric = RunMetrics.named(name).orElseThrow(() -> new IllegalArgumentException("\"" + spec
            + "\": no metric is called \"" + name + "\"; metrics are " + RunMetrics.names()));
        if (metric.anyIncreaseRegresses()) {
          throw new IllegalArgumentException("\"" + spec + "\": any increase of " + name
              + " is a regression; it takes no tolerance");
        }
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
    return new Tolerance(percent, byMetric);
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
    Double own = percentByMetric.get(metric.name());
    return own != null ? own : percent != null ? percent : metric.defaultTolerancePercent();
  }

  /**
   * For people: the percentage most metrics have, then the metrics that have another, e.g.
   * {@code 25% (throughput_ops 40%, remote_read_p50_ms 100%)}.
   */
  public String describe() {
    double most = percent != null ? percent : DEFAULT_PERCENT;
    List<String> others = RunMetrics.ALL.stream()
        .filter(metric -> !metric.anyIncreaseRegresses() && percentFor(metric) != most)
        .map(metric -> metric.name() + " " + format(percentFor(metric))).toList();
    return format(most) + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")");
  }

  static String format(double percent) {
    return (percent == Math.rint(percent) ? String.valueOf((long) percent) : String.format(Locale.ROOT, "%s", percent))
        + "%";
  }
}

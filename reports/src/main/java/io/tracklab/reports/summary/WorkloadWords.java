package io.tracklab.reports.summary;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * result.json's {@code run.workload} (name → value) as a sentence a person reads: "10,000 keys,
 * picked with a Zipf skew of 0.99; 90% reads, 10% writes; 64-byte values; 3,000 operations a
 * second targeted". Fields it does not know are listed after, as they are, so nothing is hidden.
 */
final class WorkloadWords {
  private WorkloadWords() {}

  static String describe(Map<String, Object> workload) {
    Map<String, Object> rest = new TreeMap<>(workload);
    List<String> parts = new ArrayList<>();
    Object keys = rest.remove("keys");
    Object distribution = rest.remove("distribution");
    if (keys != null || distribution != null) {
      parts.add((keys == null ? "keys" : count(keys) + " keys") + (distribution == null ? "" : ", " + picked(distribution)));
    }
    Object readRatio = rest.remove("readRatio");
    if (readRatio instanceof Number ratio) {
      double reads = ratio.doubleValue() * 100;
      parts.add(ratio.doubleValue() >= 1 ? "reads only" : percent(reads) + " reads, " + percent(100 - reads) + " writes");
    }
    Object valueSize = rest.remove("valueSize");
    if (valueSize != null) {
      parts.add(count(valueSize) + "-byte values");
    }
    Object rate = rest.remove("targetRate");
    if (rate instanceof Number target) {
      parts.add(target.doubleValue() > 0 ? count(target) + " operations a second targeted" : "as fast as the users go");
    }
    Object expiring = rest.remove("expiringKeys");
    Object ttl = rest.remove("keyTtlMillis");
    if (expiring instanceof Number share && share.doubleValue() > 0) {
      parts.add(percent(share.doubleValue() * 100) + " of the keys written with a " + (ttl == null ? "" : count(ttl) + " ms ")
          + "TTL");
    }
    // the harness's own writer and reader threads: worth a word only when not the usual one each
    Object writers = rest.remove("writers");
    Object readers = rest.remove("readers");
    if (writers instanceof Number w && w.intValue() > 1) {
      parts.add(count(w) + " writers");
    }
    if (readers instanceof Number r && r.intValue() > 1) {
      parts.add(count(r) + " readers");
    }
    rest.forEach((name, value) -> parts.add(name + " " + value));
    return String.join("; ", parts);
  }

  /** {@code zipf:0.99} → "picked with a Zipf skew of 0.99", and the others alike. */
  static String picked(Object distribution) {
    String text = String.valueOf(distribution);
    String[] parts = text.split(":");
    try {
      return switch (parts[0]) {
        case "uniform" -> "picked uniformly";
        case "sequential" -> "picked in order, wrapping";
        case "zipf" -> "picked with a Zipf skew of " + parts[1];
        case "hotset" -> "a hot " + percent(Double.parseDouble(parts[1]) * 100) + " of them taking "
            + percent(Double.parseDouble(parts.length > 2 ? parts[2] : "0.9") * 100) + " of the picks";
        default -> "picked " + text;
      };
    } catch (RuntimeException e) {
      return "picked " + text;
    }
  }

  private static String count(Object value) {
    NumberFormat format = NumberFormat.getNumberInstance(Locale.ROOT);
    format.setGroupingUsed(true);
    format.setMaximumFractionDigits(2);
    return value instanceof Number number ? format.format(number.doubleValue()) : String.valueOf(value);
  }

  private static String percent(double value) {
    return count(Math.round(value * 100) / 100.0) + "%";
  }
}

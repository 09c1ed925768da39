package io.tracklab.reports.summary;

import io.tracklab.harness.workload.KeyDistribution;
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

  /** {@code zipf:0.99} → "picked with a Zipf skew of 0.99", and the others alike (as the workload parses them). */
  static String picked(Object distribution) {
    String text = String.valueOf(distribution);
    KeyDistribution parsed;
    try {
      parsed = KeyDistribution.parse(text);
    } catch (IllegalArgumentException e) {
      return "picked " + text; // a result from another version: shown as it is
    }
    if (parsed instanceof KeyDistribution.Zipf zipf) {
      return "picked with a Zipf skew of " + zipf.exponent();
    }
    if (parsed instanceof KeyDistribution.HotSet hot) {
      return "a hot " + percent(hot.fraction() * 100) + " of them taking " + percent(hot.probability() * 100)
          + " of the picks";
    }
    return parsed instanceof KeyDistribution.Sequential ? "picked in order, wrapping" : "picked uniformly";
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

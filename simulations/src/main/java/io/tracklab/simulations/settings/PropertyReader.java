package io.tracklab.simulations.settings;

import io.tracklab.harness.config.DurationText;
import java.time.Duration;
import java.util.Properties;

/**
 * Reads typed simulation parameters from system properties; a bad value fails at once naming
 * the property ({@code -Dname=value}) and what was expected, before any server starts.
 */
final class PropertyReader {
  private final Properties properties;

  PropertyReader(Properties properties) {
    this.properties = properties;
  }

  boolean has(String name) {
    return properties.getProperty(name) != null;
  }

  String text(String name, String fallback) {
    String value = properties.getProperty(name);
    return value == null ? fallback : value.trim();
  }

  Duration duration(String name, Duration fallback) {
    String text = properties.getProperty(name);
    return text == null ? fallback : DurationText.parse("-D" + name, text);
  }

  /** A duration that must be positive. */
  Duration positiveDuration(String name, Duration fallback) {
    Duration value = duration(name, fallback);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException("-D" + name + "=" + properties.getProperty(name) + " must be positive");
    }
    return value;
  }

  int integer(String name, int fallback, int minimum) {
    String text = properties.getProperty(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value >= minimum) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException("-D" + name + "=" + text + " must be a whole number of at least " + minimum);
  }

  double decimal(String name, double fallback, double minimum, double maximum) {
    String text = properties.getProperty(name);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value >= minimum && value <= maximum) {
        return value;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException("-D" + name + "=" + text + " must be a number from " + minimum
        + (maximum == Double.MAX_VALUE ? " up" : " to " + maximum));
  }
}

package io.tracklab.cli.distributed;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JVM options of every injector, on every engine (a child JVM's command line, a container's
 * {@code JAVA_TOOL_OPTIONS}): {@code TRACKLAB_INJECTOR_JAVA_OPTS}, or {@link #DEFAULT}. The JIT is
 * left as the JVM sets it: measured on 2 cores (docs/distributed.md), stopping it at C1
 * ({@code -XX:TieredStopAtLevel=1}) takes the compiler's load off short runs of several injectors
 * on one machine (3 injectors at 5,000 ops/s: invalidation p99 2.7 ms instead of 6.7 ms) but halves
 * what one injector makes at full speed (41,064 ops/s instead of 91,693): the variable is there for
 * the first case.
 */
public final class InjectorJvmOptions {
  /** What injectors run with unless the variable says otherwise. */
  public static final String DEFAULT = "-Xmx1g";
  static final String VARIABLE = "TRACKLAB_INJECTOR_JAVA_OPTS";

  private InjectorJvmOptions() {}

  /** The options as one string (for {@code JAVA_TOOL_OPTIONS} in a container). */
  public static String text(Map<String, String> environment) {
    String options = environment.getOrDefault(VARIABLE, DEFAULT).trim();
    return options.isEmpty() ? DEFAULT : options;
  }

  /** The options one by one (for a command line). */
  public static List<String> list(Map<String, String> environment) {
    return Arrays.stream(text(environment).split("\\s+")).filter(option -> !option.isEmpty()).toList();
  }
}

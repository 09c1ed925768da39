package io.tracklab.harness.result;

/**
 * A gate checked against a run: {@code metric comparison threshold}, what was measured, and
 * whether it passed.
 *
 * @param comparison {@code <}, {@code <=}, {@code >}, {@code >=} or {@code ==}
 */
public record GateVerdict(String name, String metric, String comparison, double threshold, double measured,
    boolean passed) {}

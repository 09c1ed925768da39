package io.tracklab.harness.result;

/**
 * Where one injector's clock stood against the run's common clock (the Redis primary's
 * {@code TIME}), probed before its load and again after it.
 *
 * @param offsetMicros the common clock minus the injector's wall clock, before the load
 * @param uncertaintyMicros how far the offset may be off either way (half the best probe's round
 *     trip, plus a microsecond), the larger of the two probings
 * @param driftMicros how much the offset moved between the two probings (0 if probed once)
 * @param probes probes per probing
 */
public record InjectorClock(long offsetMicros, long uncertaintyMicros, long driftMicros, int probes) {}

package io.tracklab.harness.result;

/**
 * Where one injector's clock stood against the run's common clock (the Redis primary's
 * {@code TIME}), probed before its load, every few seconds during it and again after it.
 *
 * @param offsetMicros the common clock minus the injector's wall clock, before the load
 * @param uncertaintyMicros how far the offset may be off either way (half the best probe's round
 *     trip, plus a microsecond), the largest of the estimates'
 * @param driftMicros how much the offset moved from the first estimate to the last (0 if probed once)
 * @param probes probes per estimate
 * @param estimates how many estimates were made (0 in results written before they were counted)
 */
public record InjectorClock(long offsetMicros, long uncertaintyMicros, long driftMicros, int probes, int estimates) {}

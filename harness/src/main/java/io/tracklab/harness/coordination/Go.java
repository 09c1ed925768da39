package io.tracklab.harness.coordination;

/**
 * Every injector is ready: the load starts now.
 *
 * @param loadStartEpochMillis the controller's wall clock when it said go (the fault timeline's
 *     zero); an injector starts its load on receipt, so its own zero lags by the reply's trip
 */
public record Go(long loadStartEpochMillis) {}

package io.tracklab.harness.workload;

/** Picks the next key index in [0, keys). One per thread: not thread-safe. */
@FunctionalInterface
public interface KeyChooser {
  int next();
}

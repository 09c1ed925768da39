package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.tracklab.harness.nearcache.NearCacheRead;
import io.tracklab.harness.probe.ReadClass;
import io.tracklab.harness.probe.ReadVerdict;
import io.tracklab.simulations.run.TracklabRun;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code size} keys of the workload at once through the client under test; each key's
 * value is checked like a single read (same start and end). Recorded as one request,
 * {@code mget (local)} when every key was a local hit, {@code mget (remote)} otherwise.
 */
final class CacheMgetAction extends OperationAction {
  private final int size;

  CacheMgetAction(NearCacheProtocol.Components components, Action next, int size) {
    super(components, next);
    this.size = size;
  }

  @Override
  public String name() {
    return "cacheMget";
  }

  @Override
  void operate(Session session) {
    TracklabRun run = components.run();
    int[] keys = new int[size];
    List<String> names = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      keys[i] = run.nextKey();
      names.add(run.workload().key(keys[i]));
    }
    long startMillis = components.core().clock().nowMillis();
    long startNanos = System.nanoTime();
    run.client().readManyAsync(names).whenComplete((reads, failure) -> {
      long endNanos = System.nanoTime();
      long endMillis = components.core().clock().nowMillis();
      if (failure != null) {
        for (int i = 0; i < size; i++) {
          run.recorder().readFailed();
        }
        components.records().log(session.scenario(), NearCacheDsl.MGET_REMOTE, startMillis, endMillis, endNanos,
            String.valueOf(failure.getMessage()));
        continueFailed(session, next);
        return;
      }
      boolean allLocal = true;
      String corrupt = null;
      for (int i = 0; i < size; i++) {
        NearCacheRead<String> read = reads.get(i);
        allLocal &= read.local();
        ReadVerdict verdict = run.recorder().read(-1, keys[i], startNanos, endNanos, read.value(), read.local());
        if (verdict.readClass() == ReadClass.CORRUPT) {
          corrupt = "value never written: " + read.value();
        } else if (verdict.readClass() == ReadClass.STALE && !verdict.held()) {
          components.pseudoRequests().log(NearCacheDsl.STALENESS, verdict.staleAgeNanos());
        }
      }
      components.records().log(session.scenario(), allLocal ? NearCacheDsl.MGET_LOCAL : NearCacheDsl.MGET_REMOTE,
          startMillis, endMillis, endNanos, corrupt);
      if (corrupt == null) {
        next.$bang(session);
      } else {
        continueFailed(session, next);
      }
    });
  }
}

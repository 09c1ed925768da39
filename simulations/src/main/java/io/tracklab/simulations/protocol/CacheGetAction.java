package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.tracklab.harness.probe.ReadClass;
import io.tracklab.harness.probe.ReadVerdict;
import io.tracklab.simulations.run.TracklabRun;

/**
 * Reads the next key of the workload through the client under test and records it in the run's
 * checker, and (sampled, {@link ReportRecords}) as a Gatling request named {@code get (local)} or
 * {@code get (remote)}; a stale read also becomes a {@code staleness} pseudo-request. Never blocks: a remote read
 * continues the virtual user from the reply's completion.
 */
final class CacheGetAction extends OperationAction {

  CacheGetAction(NearCacheProtocol.Components components, Action next) {
    super(components, next);
  }

  @Override
  public String name() {
    return "cacheGet";
  }

  @Override
  void operate(Session session) {
    TracklabRun run = components.run();
    int key = run.nextKey();
    long startMillis = components.core().clock().nowMillis();
    long startNanos = System.nanoTime();
    run.client().readAsync(run.workload().key(key)).whenComplete((read, failure) -> {
      long endNanos = System.nanoTime();
      long endMillis = components.core().clock().nowMillis();
      if (failure != null) {
        run.recorder().readFailed();
        components.records().log(session.scenario(), NearCacheDsl.GET_REMOTE, startMillis, endMillis, endNanos,
            String.valueOf(failure.getMessage()));
        continueFailed(session, next);
        return;
      }
      ReadVerdict verdict = run.recorder().read(-1, key, startNanos, endNanos, read.value(), read.local());
      boolean corrupt = verdict.readClass() == ReadClass.CORRUPT;
      components.records().log(session.scenario(), read.local() ? NearCacheDsl.GET_LOCAL : NearCacheDsl.GET_REMOTE,
          startMillis, endMillis, endNanos, corrupt ? "value never written: " + read.value() : null);
      if (verdict.readClass() == ReadClass.STALE && !verdict.held()) {
        components.pseudoRequests().log(NearCacheDsl.STALENESS, verdict.staleAgeNanos());
      }
      if (corrupt) {
        continueFailed(session, next);
      } else {
        next.$bang(session);
      }
    });
  }
}

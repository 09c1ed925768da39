package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.tracklab.harness.probe.ReadClass;
import io.tracklab.harness.probe.ReadVerdict;
import io.tracklab.simulations.run.TracklabRun;
import scala.Option;

/**
 * Reads the next key of the workload through the client under test and records it twice: as a
 * Gatling request named {@code get (local)} or {@code get (remote)}, and in the run's checker
 * (a stale read also becomes a {@code staleness} pseudo-request). Never blocks: a remote read
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
        components.core().statsEngine().logResponse(session.scenario(), session.groups(), NearCacheDsl.GET_REMOTE, startMillis,
            endMillis, KO$.MODULE$, Option.empty(), Option.apply(String.valueOf(failure.getMessage())));
        continueFailed(session, next);
        return;
      }
      ReadVerdict verdict = run.recorder().read(-1, key, startNanos, endNanos, read.value(), read.local());
      boolean corrupt = verdict.readClass() == ReadClass.CORRUPT;
      components.core().statsEngine().logResponse(session.scenario(), session.groups(),
          read.local() ? NearCacheDsl.GET_LOCAL : NearCacheDsl.GET_REMOTE, startMillis, endMillis, corrupt ? KO$.MODULE$ : OK$.MODULE$,
          Option.empty(), corrupt ? Option.apply("value never written: " + read.value()) : Option.empty());
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

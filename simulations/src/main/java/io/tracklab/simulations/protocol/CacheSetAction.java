package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.simulations.run.TracklabRun;
import scala.Option;

/**
 * Writes the next version of the next key, as another application instance would (straight to
 * Redis, not through the client under test, whose copy Redis must invalidate), and records it:
 * as a Gatling request {@code set}, and in the run's checker with the acknowledgement stamped as
 * the reply is decoded.
 */
final class CacheSetAction extends JavaAction {
  private final NearCacheProtocol.Components components;
  private final Action next;

  CacheSetAction(NearCacheProtocol.Components components, Action next) {
    this.components = components;
    this.next = next;
  }

  @Override
  public String name() {
    return "cacheSet";
  }

  @Override
  public void execute(Session session) {
    components.pseudoRequests().ensureStarted();
    TracklabRun run = components.run();
    int key = run.nextKey();
    String name = run.workload().key(key);
    long startMillis = components.core().clock().nowMillis();
    long version = run.recorder().writeSending(key, System.nanoTime());
    run.writer().set(name, new VersionedValue(name, version, 0).encode(run.workload().valueSize()))
        .whenComplete((acknowledged, failure) -> {
          long endMillis = components.core().clock().nowMillis();
          if (failure != null) {
            run.recorder().writeFailed(key, version);
            components.core().statsEngine().logResponse(session.scenario(), session.groups(), NearCacheDsl.SET, startMillis,
                endMillis, KO$.MODULE$, Option.empty(), Option.apply(String.valueOf(failure.getMessage())));
            continueFailed(session, next);
            return;
          }
          run.recorder().writeAcked(key, version, acknowledged, null);
          components.core().statsEngine().logResponse(session.scenario(), session.groups(), NearCacheDsl.SET, startMillis,
              endMillis, OK$.MODULE$, Option.empty(), Option.empty());
          next.$bang(session);
        });
  }
}

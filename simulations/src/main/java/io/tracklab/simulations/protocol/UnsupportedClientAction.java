package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import scala.Option;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;

/**
 * The one step of a run whose client cannot run its topology: logs a pseudo-request naming the
 * reason, so Gatling's report (which refuses to render without a request) says what happened
 * instead of failing. Nothing is measured; the result.json says "unsupported".
 */
final class UnsupportedClientAction extends JavaAction {
  private final CoreComponents core;
  private final String reason;
  private final Action next;

  UnsupportedClientAction(CoreComponents core, String reason, Action next) {
    this.core = core;
    this.reason = reason;
    this.next = next;
  }

  @Override
  public String name() {
    return "unsupportedClient";
  }

  @SuppressWarnings("unchecked")
  @Override
  public void execute(Session session) {
    long now = core.clock().nowMillis();
    core.statsEngine().logResponse(session.scenario(), (List<String>) (List<?>) Nil$.MODULE$,
        NearCacheDsl.UNSUPPORTED_CLIENT, now, now, OK$.MODULE$, Option.empty(), Option.apply(reason));
    next.$bang(session);
  }
}

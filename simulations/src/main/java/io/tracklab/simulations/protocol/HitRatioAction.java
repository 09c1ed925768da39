package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/** Logs the run's hit ratio as a pseudo-request (see {@link PseudoRequests#hitRatio}) and moves on. */
final class HitRatioAction extends JavaAction {
  private final NearCacheProtocol.Components components;
  private final Action next;

  HitRatioAction(NearCacheProtocol.Components components, Action next) {
    this.components = components;
    this.next = next;
  }

  @Override
  public String name() {
    return "hitRatio";
  }

  @Override
  public void execute(Session session) {
    components.pseudoRequests().hitRatio();
    next.$bang(session);
  }
}

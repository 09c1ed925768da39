package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/** A user's last step: tells the run it finished (see {@link PseudoRequests#userFinished}) and moves on. */
final class UserFinishedAction extends JavaAction {
  private final NearCacheProtocol.Components components;
  private final Action next;

  UserFinishedAction(NearCacheProtocol.Components components, Action next) {
    this.components = components;
    this.next = next;
  }

  @Override
  public String name() {
    return "userFinished";
  }

  @Override
  public void execute(Session session) {
    components.pseudoRequests().userFinished();
    next.$bang(session);
  }
}

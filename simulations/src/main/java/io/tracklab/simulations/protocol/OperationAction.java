package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;

/**
 * An operation of the workload (a read or a write): starts the run's pseudo-requests on the
 * first one, waits for Gatling's throttle when there is one, then {@link #operate}s, which must
 * continue the virtual user with {@link #next} (or {@code continueFailed}) without blocking.
 */
abstract class OperationAction extends JavaAction {
  final NearCacheProtocol.Components components;
  final Action next;

  OperationAction(NearCacheProtocol.Components components, Action next) {
    this.components = components;
    this.next = next;
  }

  @Override
  public final void execute(Session session) {
    components.pseudoRequests().ensureStarted();
    throttled(components, session, () -> operate(session));
  }

  abstract void operate(Session session);
}

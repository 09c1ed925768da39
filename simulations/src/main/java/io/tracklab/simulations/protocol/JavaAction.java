package io.tracklab.simulations.protocol;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import java.util.concurrent.TimeUnit;

/**
 * Base of Gatling actions written in Java: Gatling's {@code Action} trait mixes in Scala's
 * {@code StrictLogging}, whose logger field Scala classes get generated; Java classes provide it
 * here, once.
 */
abstract class JavaAction implements Action {
  /**
   * How long a virtual user waits after a failed operation before its next one, as an
   * application backs off before retrying. Without it a user whose client fails fast ("not
   * connected") spins, and the failed-operations percentage measures spin speed, not outage time.
   */
  static final long FAILURE_BACKOFF_MILLIS = 10;

  private final Logger logger = Logger.apply(getClass());

  /** Continues {@code session}, failed, with {@code next} after the failure backoff, on the user's event loop. */
  static void continueFailed(Session session, Action next) {
    Session failed = session.markAsFailed();
    session.eventLoop().schedule(() -> next.$bang(failed), FAILURE_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger ignored) {
    // the logger is final and set above
  }
}

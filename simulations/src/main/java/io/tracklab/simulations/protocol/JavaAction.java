package io.tracklab.simulations.protocol;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.session.Session;
import java.lang.reflect.Constructor;
import java.util.concurrent.TimeUnit;
import scala.Function0;
import scala.Option;
import scala.runtime.BoxedUnit;

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

  /**
   * Runs {@code operation} now, or when the simulation's {@code throttle} lets it (-Drate): Gatling
   * throttles only actions that ask its throttler, as its HTTP actions do. The request message is
   * a case class nested in Scala objects, which Java source cannot name: built by reflection once.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static void throttled(NearCacheProtocol.Components components, Session session, Runnable operation) {
    Option<?> throttler = components.core().throttler();
    if (throttler.isEmpty()) {
      operation.run();
      return;
    }
    Function0<BoxedUnit> request = () -> {
      operation.run();
      return BoxedUnit.UNIT;
    };
    try {
      ((ActorRef) throttler.get()).$bang(THROTTLED_REQUEST.newInstance(session.scenario(), request));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot ask Gatling's throttler: " + e, e);
    }
  }

  private static final Constructor<?> THROTTLED_REQUEST = throttledRequest();

  private static Constructor<?> throttledRequest() {
    try {
      return Class.forName("io.gatling.core.controller.throttle.Throttler$Command$ThrottledRequest")
          .getConstructor(String.class, Function0.class);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("this Gatling has no throttled-request message: " + e, e);
    }
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

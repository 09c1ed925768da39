package io.tracklab.simulations.protocol;

import com.typesafe.scalalogging.Logger;
import io.gatling.core.action.Action;

/**
 * Base of Gatling actions written in Java: Gatling's {@code Action} trait mixes in Scala's
 * {@code StrictLogging}, whose logger field Scala classes get generated; Java classes provide it
 * here, once.
 */
abstract class JavaAction implements Action {
  private final Logger logger = Logger.apply(getClass());

  @Override
  public Logger logger() {
    return logger;
  }

  @Override
  public void com$typesafe$scalalogging$StrictLogging$_setter_$logger_$eq(Logger ignored) {
    // the logger is final and set above
  }
}

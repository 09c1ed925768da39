package io.tracklab.harness.testing;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lettuce client resources (event loops, timers) shared by the tests of one class: created before
 * its first test (and before its own {@code @BeforeAll} methods), shut down after its last.
 * Register it as {@code @RegisterExtension static final SharedClientResources RESOURCES = ...}.
 */
public final class SharedClientResources implements BeforeAllCallback, AfterAllCallback {
  private ClientResources resources;

  @Override
  public void beforeAll(ExtensionContext context) {
    resources = DefaultClientResources.create();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (resources != null) {
      resources.shutdown(0, 2, TimeUnit.SECONDS);
      resources = null;
    }
  }

  public ClientResources get() {
    if (resources == null) {
      throw new IllegalStateException("the client resources exist between a class's first and last test");
    }
    return resources;
  }
}

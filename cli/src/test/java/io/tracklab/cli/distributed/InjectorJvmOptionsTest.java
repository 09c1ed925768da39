package io.tracklab.cli.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InjectorJvmOptionsTest {
  @Test
  void withoutTheVariable_injectorsGetAGigabyteOfHeap() {
    assertThat(InjectorJvmOptions.list(Map.of())).containsExactly("-Xmx1g");
    assertThat(InjectorJvmOptions.text(Map.of("TRACKLAB_INJECTOR_JAVA_OPTS", "  "))).isEqualTo(InjectorJvmOptions.DEFAULT);
  }

  @Test
  void theVariable_replacesTheDefault() {
    Map<String, String> environment = Map.of("TRACKLAB_INJECTOR_JAVA_OPTS", " -Xmx2g   -XX:+UseSerialGC ");
    assertThat(InjectorJvmOptions.list(environment)).containsExactly("-Xmx2g", "-XX:+UseSerialGC");
    assertThat(InjectorJvmOptions.text(environment)).isEqualTo("-Xmx2g   -XX:+UseSerialGC");
  }
}

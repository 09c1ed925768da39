package io.tracklab.topologies.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretReferenceTest {
  private static final String WHERE = "staging.yaml: security.clientPassword";

  @TempDir
  Path directory;

  private Secret resolve(String reference, Map<String, String> environment) {
    return SecretReference.resolve(reference, WHERE, environment, directory);
  }

  @Test
  void readsAnEnvironmentVariableAndAFileRelativeToTheBase() throws Exception {
    assertThat(resolve("env:REDIS_PW", Map.of("REDIS_PW", "from-env-1")).reveal()).isEqualTo("from-env-1");
    Files.writeString(directory.resolve("client.pw"), "from-file-1\n");
    assertThat(resolve("file:client.pw", Map.of()).reveal()).isEqualTo("from-file-1");
  }

  @Test
  void everyRefusalNamesWhereAndNeverTheValue() throws Exception {
    Files.writeString(directory.resolve("empty.pw"), "");
    Files.writeString(directory.resolve("two.pw"), "line-one-secret\nline-two-secret\n");
    assertThatThrownBy(() -> resolve("hunter2-literal", Map.of()))
        .hasMessageStartingWith(WHERE).hasMessageContaining("env:VARIABLE or file:PATH")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> resolve("env:MISSING", Map.of())).hasMessage(WHERE + ": environment variable MISSING is not set");
    assertThatThrownBy(() -> resolve("env:BLANK", Map.of("BLANK", ""))).hasMessageContaining("BLANK is empty");
    assertThatThrownBy(() -> resolve("file:nope.pw", Map.of())).hasMessageContaining("no such file");
    assertThatThrownBy(() -> resolve("file:empty.pw", Map.of())).hasMessageContaining("is empty");
    assertThatThrownBy(() -> resolve("file:two.pw", Map.of())).hasMessageContaining("more than one line")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> resolve(" ", Map.of())).hasMessageContaining("is empty");
    assertThatThrownBy(() -> resolve("env:", Map.of())).hasMessageContaining("names no environment variable");
  }

  @Test
  void aSecretPrintsAsStarsAndIsMaskedInAnyText() {
    Secret secret = resolve("env:PW", Map.of("PW", "s3cret-value-for-masking"));
    assertThat(secret.toString()).isEqualTo("***");
    assertThat(new Credentials("app", secret).toString()).isEqualTo("user app (password ***)");
    assertThat(Secret.mask("AUTH app s3cret-value-for-masking failed")).isEqualTo("AUTH app *** failed");
    assertThat(Secret.mask(null)).isNull();
  }
}

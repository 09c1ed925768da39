package io.tracklab.simulations.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecuritySettingsTest {
  @TempDir
  Path directory;

  private static Properties properties(String... pairs) {
    Properties properties = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      properties.setProperty(pairs[i], pairs[i + 1]);
    }
    return properties;
  }

  @Test
  void noPropertiesNoSecurity() {
    assertThat(SecuritySettings.from(new Properties())).isEqualTo(TopologySecurity.NONE);
  }

  @Test
  void aclAndTlsWithAPasswordFile() throws Exception {
    Path file = directory.resolve("admin.pw");
    Files.writeString(file, "admin-from-file");
    TopologySecurity security = SecuritySettings.from(properties(SecuritySettings.AUTH, "ACL",
        SecuritySettings.TLS, "true", SecuritySettings.ADMIN_PASSWORD, "file:" + file));
    assertThat(security.auth()).isEqualTo(AuthMode.ACL);
    assertThat(security.tls()).isTrue();
    assertThat(security.admin().password().reveal()).isEqualTo("admin-from-file");
    assertThat(security.client().password().reveal()).isNotEqualTo("admin-from-file");
  }

  @Test
  void badValuesNameThePropertyAndNeverThePassword() {
    assertThatThrownBy(() -> SecuritySettings.from(properties(SecuritySettings.AUTH, "ldap")))
        .hasMessage("-Dtracklab.auth=ldap: expected none, password or acl");
    assertThatThrownBy(() -> SecuritySettings.from(properties(SecuritySettings.TLS, "yes please")))
        .hasMessageContaining("-Dtracklab.tls=yes please: expected true or false");
    assertThatThrownBy(() -> SecuritySettings.from(properties(SecuritySettings.AUTH, "acl",
        SecuritySettings.CLIENT_PASSWORD, "plain-text-pw")))
        .hasMessageStartingWith("-Dtracklab.auth.clientPassword: is not a secret reference")
        .hasMessageNotContaining("plain-text-pw");
    assertThatThrownBy(() -> SecuritySettings.from(properties(SecuritySettings.ADMIN_PASSWORD, "env:PATH")))
        .hasMessageContaining("-Dtracklab.auth is none");
  }
}

package io.tracklab.topologies.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAuthConfigTest {
  private static Secret secret(String value) {
    return SecretReference.resolve("env:PW", "test", Map.of("PW", value), java.nio.file.Path.of(""));
  }

  @Test
  void userPasswordsAreWrittenHashedAndAStandaloneNodeHoldsNoClearText() {
    TopologySecurity acl = TopologySecurity.of(AuthMode.ACL, secret("admin-pw-123"), secret("client-pw-456"), false);
    List<String> lines = NodeAuthConfig.dataNode(acl, false);
    assertThat(String.join("\n", lines)).doesNotContain("admin-pw-123", "client-pw-456");
    assertThat(lines).contains("user default off")
        .anySatisfy(line -> assertThat(line).startsWith("user tracklab-admin on #").endsWith("~* &* +@all"))
        .anySatisfy(line -> assertThat(line).startsWith("user tracklab-client on #")
            .contains(" -@all ", "+client|tracking", "&__redis__:invalidate").doesNotContain("+@all"));
  }

  @Test
  void replicasAndSentinelsGetTheAdminPasswordQuoted() {
    TopologySecurity password = TopologySecurity.of(AuthMode.PASSWORD, secret("we \"said\" \\ so"), null, false);
    assertThat(NodeAuthConfig.dataNode(password, true)).contains("masterauth \"we \\\"said\\\" \\\\ so\"")
        .noneMatch(line -> line.startsWith("masteruser"));
    TopologySecurity acl = TopologySecurity.of(AuthMode.ACL, secret("adminpw"), secret("clientpw"), false);
    assertThat(NodeAuthConfig.sentinel(acl, "tracklab")).contains("sentinel auth-user tracklab tracklab-admin",
        "sentinel auth-pass tracklab \"adminpw\"", "sentinel sentinel-user tracklab-admin",
        "sentinel sentinel-pass \"adminpw\"");
    assertThat(NodeAuthConfig.dataNode(TopologySecurity.NONE, true)).isEmpty();
  }

  @Test
  void controlCharactersAreEscaped() {
    assertThat(NodeAuthConfig.quoted(secret("a\tb"))).isEqualTo("\"a\\x09b\"");
  }
}

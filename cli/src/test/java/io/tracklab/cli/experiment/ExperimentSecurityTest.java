package io.tracklab.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tracklab.topologies.security.AuthMode;
import io.tracklab.topologies.security.TopologySecurity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment file's {@code security} block. */
class ExperimentSecurityTest {
  @TempDir
  Path directory;

  private Path file() {
    return directory.resolve("secured.yaml");
  }

  private TopologySecurity security(String block, ExperimentFile.Overrides overrides) {
    return ExperimentFile.parse(file(), "schema: 1\nduration: 5s\n" + block, overrides).plan().security();
  }

  private List<String> problems(String block) {
    ExperimentException error = catchThrowableOfType(ExperimentException.class,
        () -> ExperimentFile.parse(file(), "schema: 1\nduration: 5s\n" + block, ExperimentFile.Overrides.NONE));
    assertThat(error).as("an invalid file").isNotNull();
    return error.problems().stream().map(ExperimentProblem::toString).toList();
  }

  @Test
  void noBlockIsNoSecurity() {
    assertThat(security("", ExperimentFile.Overrides.NONE)).isEqualTo(TopologySecurity.NONE);
  }

  @Test
  void aclWithTlsAndAPasswordFromAFileNextToTheExperiment() throws Exception {
    Files.writeString(directory.resolve("client.pw"), "client-from-file\n");
    TopologySecurity security = security("""
        security:
          auth: acl
          tls: true
          clientPassword: file:client.pw
        """, ExperimentFile.Overrides.NONE);
    assertThat(security.auth()).isEqualTo(AuthMode.ACL);
    assertThat(security.tls()).isTrue();
    assertThat(security.client().user()).isEqualTo(TopologySecurity.CLIENT_USER);
    assertThat(security.client().password().reveal()).isEqualTo("client-from-file");
    assertThat(security.admin().password().reveal()).hasSize(32); // generated
  }

  @Test
  void theCommandLineWins() {
    TopologySecurity security = security("security:\n  auth: acl\n",
        new ExperimentFile.Overrides(null, null, AuthMode.PASSWORD, Boolean.TRUE, false));
    assertThat(security.label()).isEqualTo("password+tls");
  }

  @Test
  void problemsNameFileLineAndFieldAndNeverRepeatAPassword() {
    List<String> problems = problems("""
        security:
          auth: kerberos
          tls: maybe
          adminPassword: hunter2-literal
          clientPassword: env:TRACKLAB_TEST_SURELY_UNSET_VARIABLE
          users: [a]
        """);
    assertThat(String.join("\n", problems)).doesNotContain("hunter2");
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("secured.yaml:4", "security.auth", "kerberos",
        "expected none, password or acl"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("secured.yaml:5", "security.tls", "expected true or false"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("secured.yaml:6", "security.adminPassword",
        "env:VARIABLE or file:PATH"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("secured.yaml:7", "security.clientPassword",
        "TRACKLAB_TEST_SURELY_UNSET_VARIABLE is not set"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("security.users"));
  }

  @Test
  void aPasswordWithoutAuthenticationIsAMistake() throws Exception {
    Files.writeString(directory.resolve("a.pw"), "some-admin-password");
    assertThat(problems("security:\n  adminPassword: file:a.pw\n")).singleElement().satisfies(p ->
        assertThat(p).contains("security.adminPassword", "security.auth is none").doesNotContain("some-admin-password"));
  }
}

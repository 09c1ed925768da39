package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run on a secured Sentinel topology (ACL users over TLS, the admin's password from an
 * environment variable, the client's from a file) writes no password anywhere: not in its output,
 * and not in any file under its working directory once it is done — result, summary, Gatling
 * report, the topology's configuration (Sentinel keeps its auth-pass in clear text while it runs),
 * logs and certificates included.
 */
class SecretsIT {
  private static final String ADMIN_VARIABLE = "TRACKLAB_IT_ADMIN_PASSWORD";

  @TempDir
  Path directory;

  @Test
  void aSecuredRunWithFaultsWritesNoPasswordAnywhere() throws Exception {
    String admin = "admin-" + random();
    String client = "client-" + random();
    Files.writeString(directory.resolve("client.pw"), client + "\n");
    Path experiment = directory.resolve("secured-resets.yaml");
    Files.writeString(experiment, """
        schema: 1
        name: secured-resets
        topology: sentinel
        duration: 10s
        workload:
          users: 4
          rate: 2000
        security:
          auth: acl
          tls: true
          adminPassword: env:%s
          clientPassword: file:client.pw
        faults:
          - at 3s for 1s: reset primary
          - at 6s for 2s: latency 50ms downstream on primary
        gates:
          failedPercent: 20
        """.formatted(ADMIN_VARIABLE));
    int exit;
    String output;
    try (TracklabProcess tracklab = TracklabProcess.start(directory, Map.of(ADMIN_VARIABLE, admin), List.of(),
        "run", "--results", "results", experiment.toString())) {
      exit = tracklab.waitFor(Duration.ofMinutes(2));
      output = tracklab.output();
    }
    assertThat(exit).as(output).isEqualTo(ExitCodes.PASSED);
    assertThat(output).contains("tracklab: security acl+tls", "user tracklab-client", "PASSED");

    List<Path> written = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals("client.pw"))
          .forEach(written::add);
    }
    // what the run wrote is in the search: its result, report, and the topology it started
    Path result = written.stream().filter(file -> file.getFileName().toString().equals("result.json")).findFirst()
        .orElseThrow(() -> new AssertionError("no result.json among " + written));
    assertThat(new ObjectMapper().readTree(result.toFile()).at("/run/security").asText()).isEqualTo("acl+tls");
    assertThat(written).anySatisfy(file -> assertThat(file.getFileName()).hasToString("index.html"));
    assertThat(written).anySatisfy(file -> assertThat(file.toString()).contains("topologies").endsWith("redis.log"));
    assertThat(written).anySatisfy(file -> assertThat(file.getFileName()).hasToString("node.key"));
    for (String secret : List.of(admin, client)) {
      List<String> forms = List.of(secret, Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
      for (Path file : written) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        for (String form : forms) {
          assertThat(content).as("%s holds a password", directory.relativize(file)).doesNotContain(form);
        }
      }
    }
    System.out.printf("searched %d files the secured run wrote: no password%n", written.size());
  }

  private static String random() {
    byte[] bytes = new byte[12];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

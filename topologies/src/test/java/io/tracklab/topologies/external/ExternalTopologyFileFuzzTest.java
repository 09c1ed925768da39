package io.tracklab.topologies.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated malformed external topology files: loading one ends in a topology spec or in a
 * {@link TopologyException} that names the file — never another exception, and nothing is
 * contacted (loading only reads the file).
 */
class ExternalTopologyFileFuzzTest {
  private static Path directory;

  private static final List<String> VALID = List.of(
      "schema: 1",
      "kind: sentinel",
      "masterName: mymaster",
      "allowFaults: true",
      "toxiproxy:",
      "  url: http://127.0.0.1:8474",
      "nodes:",
      "  - name: primary",
      "    role: primary",
      "    proxy: redis-primary",
      "    address: 127.0.0.1:26379",
      "    admin: 127.0.0.1:6379",
      "  - name: sentinel-1",
      "    role: sentinel",
      "    proxy: sentinel-1",
      "    address: 127.0.0.1:36379",
      "    admin: 127.0.0.1:26379",
      "security:",
      "  username: app",
      "  password: env:PATH",
      "  tls: false",
      "  caCertificate: /nonexistent/ca.crt");

  @BeforeContainer
  static void createDirectory() throws IOException {
    directory = Files.createTempDirectory("topology-fuzz");
  }

  @AfterContainer
  static void deleteDirectory() throws IOException {
    try (var files = Files.list(directory)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(directory);
  }

  @Provide
  Arbitrary<String> mutatedFiles() {
    Arbitrary<String> values = Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcxyz019-.:/_ '\"[]{}#&*!|>%@,?").ofMaxLength(24),
        Arbitraries.of("", "~", "null", "-1", "0", "65536", "99999999999", "http://", "http://host", "ftp://x:1",
            "http://127.0.0.1:-1", "host:", ":1", "[::1]:6379", "true", "yes", "[1]", "{a: b}", "'x", "cluster",
            "standalone", "replica", "ü", "env:", "file:", "env:PATH", "file:/nonexistent", "hunter2-literal"));
    return Combinators.combine(Arbitraries.integers().between(0, VALID.size() - 1), values, Arbitraries.of(true, false))
        .as((line, value, wholeLine) -> {
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < VALID.size(); i++) {
            String original = VALID.get(i);
            int colon = original.indexOf(": ");
            text.append(i != line ? original : wholeLine || colon < 0 ? value : original.substring(0, colon + 2) + value)
                .append('\n');
          }
          return text.toString();
        });
  }

  @Property(tries = 400)
  void aMutatedFile_isASpecOrAnErrorNamingTheFile(@ForAll("mutatedFiles") String text) throws IOException {
    Path file = Files.createTempFile(directory, "topology", ".yaml");
    Files.writeString(file, text);
    try {
      ExternalTopologySpec spec = ExternalTopologyFile.load(file);
      assertThat(spec.nodes()).isNotEmpty();
    } catch (TopologyException invalid) {
      assertThat(invalid.getMessage()).contains(file.toString());
    }
  }
}

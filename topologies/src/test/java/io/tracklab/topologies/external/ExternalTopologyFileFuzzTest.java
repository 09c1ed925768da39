package io.tracklab.topologies.external;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.testsupport.fuzz.Fuzz;
import io.tracklab.testsupport.fuzz.Gen;
import io.tracklab.testsupport.fuzz.Gens;
import io.tracklab.topologies.TopologyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed external topology files: loading one ends in a topology spec or in a
 * {@link TopologyException} that names the file — never another exception, and nothing is
 * contacted (loading only reads the file).
 */
class ExternalTopologyFileFuzzTest {
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

  private static final Gen<String> VALUES = Gens.oneOf(
      Gens.strings("abcxyz019-.:/_ '\"[]{}#&*!|>%@,?", 0, 24),
      Gens.of("", "~", "null", "-1", "0", "65536", "99999999999", "http://", "http://host", "ftp://x:1",
          "http://127.0.0.1:-1", "host:", ":1", "[::1]:6379", "true", "yes", "[1]", "{a: b}", "'x", "cluster",
          "standalone", "replica", "ü", "env:", "file:", "env:PATH", "file:/nonexistent", "hunter2-literal"));

  /** The valid file with one line's value (or the whole line) replaced. */
  private static final Gen<String> MUTATED_FILES = Gens.triples(Gens.integers(0, VALID.size() - 1), VALUES, Gens.coin())
      .map(mutation -> {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < VALID.size(); i++) {
          String original = VALID.get(i);
          int colon = original.indexOf(": ");
          text.append(i != mutation.first() ? original
                  : mutation.third() || colon < 0 ? mutation.second() : original.substring(0, colon + 2) + mutation.second())
              .append('\n');
        }
        return text.toString();
      });

  @TempDir
  Path directory;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aMutatedFile_isASpecOrAnErrorNamingTheFile() {
    Fuzz.forAll(400, MUTATED_FILES, text -> {
      Path file = Files.createTempFile(directory, "topology", ".yaml");
      Files.writeString(file, text);
      try {
        ExternalTopologySpec spec = ExternalTopologyFile.load(file);
        assertThat(spec.nodes()).isNotEmpty();
      } catch (TopologyException invalid) {
        assertThat(invalid.getMessage()).contains(file.toString());
      }
    });
  }
}

package io.tracklab.reports.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/**
 * Generated malformed experiment files: whatever a user writes, reading it ends in an experiment
 * or in an {@link ExperimentException} whose every problem names the file, a field and what is
 * wrong — never another exception (which the command line would print as an infrastructure
 * failure, or worse, a stack trace).
 */
class ExperimentFileFuzzTest {
  private static final Path FILE = Path.of("experiments/fuzz.yaml");

  /** A valid file, one value per line, so each line's value can be replaced. */
  private static final List<String> VALID = List.of(
      "schema: 1",
      "name: fuzz",
      "topology: standalone",
      "client: tracklab",
      "duration: 20s",
      "workload:",
      "  users: 4",
      "  rate: 1000",
      "  keys: 100",
      "  distribution: zipf:0.99",
      "  readRatio: 0.9",
      "faults:",
      "  - at 2s for 3s: latency 10ms on primary",
      "gates:",
      "  failedPercent: 1",
      "  staleBound: 1s",
      "security:",
      "  auth: password",
      "  tls: false",
      "  adminPassword: env:PATH");

  @Provide
  Arbitrary<String> nasty() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("abcxyz019-.:_ \t'\"[]{}#&*!|>%@`,?\\").ofMaxLength(24),
        Arbitraries.of("", "~", "null", "-1", "0", "1e309", "NaN", "-0s", "99999999999999999999", "10", "1.5",
            "true", "[1, 2]", "{a: 1}", "'unterminated", "\"also", "&anchor x", "*alias", "!!binary AAAA",
            "at 5s: kill primary", "at -1s: reset primary", "at 1s for 1s: latency on nowhere", "ü", "\u0000",
            "10000000s", "zipf:-3", "hotset:2:2", ":", "::", "zipf::", "sentinel", "cluster", "ttl", "lettuce-csc",
            "acl", "none", "env:", "file:", "env:TRACKLAB_SURELY_UNSET", "file:/nonexistent/pw", "file:.",
            "[env:PATH]"));
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings().withChars("abcdefXYZ0123456789!$%^()+=~;.,<>?/").ofMinLength(6).ofMaxLength(24);
  }

  /** Whatever is written as a password, no problem repeats it. */
  @Property(tries = 300)
  void aPasswordWrittenInTheFile_isNeverRepeated(@ForAll("passwords") String password) {
    for (String field : List.of("adminPassword", "clientPassword")) {
      String text = "schema: 1\nduration: 5s\nsecurity:\n  auth: acl\n  " + field + ": \"" + password + "\"\n";
      ExperimentException invalid = org.assertj.core.api.Assertions.catchThrowableOfType(ExperimentException.class,
          () -> ExperimentFile.parse(FILE, text, ExperimentFile.Overrides.NONE));
      assertThat(invalid).as(text).isNotNull();
      assertThat(invalid.problems().toString()).as(text).contains("security." + field).doesNotContain(password);
    }
  }

  @Provide
  Arbitrary<String> mutatedFiles() {
    return Combinators.combine(Arbitraries.integers().between(0, VALID.size() - 1), nasty(),
        Arbitraries.of(true, false)).as((line, value, replaceWholeLine) -> {
          StringBuilder text = new StringBuilder();
          for (int i = 0; i < VALID.size(); i++) {
            String original = VALID.get(i);
            if (i != line) {
              text.append(original);
            } else if (replaceWholeLine) {
              text.append(value);
            } else {
              int colon = original.indexOf(": ");
              text.append(colon < 0 ? original + " " + value : original.substring(0, colon + 2) + value);
            }
            text.append('\n');
          }
          return text.toString();
        });
  }

  @Property(tries = 400)
  void aMutatedFile_isAnExperimentOrProblemsNamingTheFile(@ForAll("mutatedFiles") String text) {
    assertReadsCleanly(text);
  }

  @Property(tries = 300)
  void anyText_isAnExperimentOrProblemsNamingTheFile(@ForAll("nasty") String first, @ForAll("nasty") String second) {
    assertReadsCleanly(first + "\n" + second);
    assertReadsCleanly(first + ": " + second);
  }

  private static void assertReadsCleanly(String text) {
    try {
      Experiment experiment = ExperimentFile.parse(FILE, text, ExperimentFile.Overrides.NONE);
      assertThat(experiment.plan()).isNotNull();
    } catch (ExperimentException invalid) {
      assertThat(invalid.problems()).isNotEmpty().allSatisfy(problem -> {
        assertThat(problem.toString()).startsWith(FILE.toString());
        assertThat(problem.field()).isNotBlank();
        assertThat(problem.message()).isNotBlank();
      });
    }
    // any other exception fails the property, with the text that caused it
  }
}

package io.tracklab.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tracklab.testsupport.fuzz.Fuzz;
import io.tracklab.testsupport.fuzz.Gen;
import io.tracklab.testsupport.fuzz.Gens;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated malformed experiment files: whatever a user writes, reading it ends in an experiment
 * or in an {@link ExperimentException} whose every problem names the file, a field and what is
 * wrong — never another exception (which the command line would print as an infrastructure
 * failure, or worse, a stack trace).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
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

  private static final Gen<String> NASTY = Gens.oneOf(
      Gens.strings("abcxyz019-.:_ \t'\"[]{}#&*!|>%@`,?\\", 0, 24),
      Gens.of("", "~", "null", "-1", "0", "1e309", "NaN", "-0s", "99999999999999999999", "10", "1.5",
          "true", "[1, 2]", "{a: 1}", "'unterminated", "\"also", "&anchor x", "*alias", "!!binary AAAA",
          "at 5s: kill primary", "at -1s: reset primary", "at 1s for 1s: latency on nowhere", "ü", "\u0000",
          "10000000s", "zipf:-3", "hotset:2:2", ":", "::", "zipf::", "sentinel", "cluster", "ttl", "lettuce-csc",
          "acl", "none", "env:", "file:", "env:TRACKLAB_SURELY_UNSET", "file:/nonexistent/pw", "file:.",
          "[env:PATH]"));

  private static final Gen<String> PASSWORDS = Gens.strings("abcdefXYZ0123456789!$%^()+=~;.,<>?/", 6, 24);

  /** The valid file with one line's value (or the whole line) replaced. */
  private static final Gen<String> MUTATED_FILES = Gens.triples(Gens.integers(0, VALID.size() - 1), NASTY, Gens.coin())
      .map(mutation -> {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < VALID.size(); i++) {
          String original = VALID.get(i);
          if (i != mutation.first()) {
            text.append(original);
          } else if (mutation.third()) {
            text.append(mutation.second());
          } else {
            int colon = original.indexOf(": ");
            text.append(colon < 0 ? original + " " + mutation.second()
                : original.substring(0, colon + 2) + mutation.second());
          }
          text.append('\n');
        }
        return text.toString();
      });

  /** Whatever is written as a password, no problem repeats it. */
  @Test
  void aPasswordWrittenInTheFile_isNeverRepeated() {
    Fuzz.forAll(300, PASSWORDS, password -> {
      for (String field : List.of("adminPassword", "clientPassword")) {
        String text = "schema: 1\nduration: 5s\nsecurity:\n  auth: acl\n  " + field + ": \"" + password + "\"\n";
        ExperimentException invalid = catchThrowableOfType(ExperimentException.class,
            () -> ExperimentFile.parse(FILE, text, ExperimentFile.Overrides.NONE));
        assertThat(invalid).as(text).isNotNull();
        assertThat(invalid.problems().toString()).as(text).contains("security." + field).doesNotContain(password);
      }
    });
  }

  @Test
  void aMutatedFile_isAnExperimentOrProblemsNamingTheFile() {
    Fuzz.forAll(400, MUTATED_FILES, ExperimentFileFuzzTest::assertReadsCleanly);
  }

  @Test
  void anyText_isAnExperimentOrProblemsNamingTheFile() {
    Fuzz.forAll(300, Gens.pairs(NASTY, NASTY), texts -> {
      assertReadsCleanly(texts.first() + "\n" + texts.second());
      assertReadsCleanly(texts.first() + ": " + texts.second());
    });
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

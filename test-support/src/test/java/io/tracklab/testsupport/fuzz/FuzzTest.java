package io.tracklab.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FuzzTest {
  private static final Gen<String> WORDS = Gens.oneOf(Gens.strings("ab", 0, 4), Gens.of("listed-1", "listed-2"));

  @Test
  void forAll_triesEveryListedValueFirst_thenTheRandomTries() {
    List<String> seen = new ArrayList<>();
    Fuzz.forAll(7L, 1, 10, WORDS, seen::add);

    assertThat(seen).hasSize(12);
    assertThat(seen.subList(0, 2)).containsExactly("listed-1", "listed-2");
  }

  @Test
  void forAll_sameSeed_drawsTheSameInputs() {
    List<String> first = new ArrayList<>();
    List<String> second = new ArrayList<>();
    List<String> other = new ArrayList<>();
    Fuzz.forAll(42L, 1, 50, WORDS, first::add);
    Fuzz.forAll(42L, 1, 50, WORDS, second::add);
    Fuzz.forAll(43L, 1, 50, WORDS, other::add);

    assertThat(second).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void forAll_scale_multipliesTheRandomTries() {
    List<String> seen = new ArrayList<>();
    Fuzz.forAll(1L, 3, 10, WORDS, seen::add);

    assertThat(seen).hasSize(2 + 30);
  }

  @Test
  void aRejectedInput_failsNamingSeedTryAndInput_andTheSeedReplaysIt() {
    Gen<Integer> numbers = Gens.integers(0, 1_000);
    AssertionError failure = catchThrowableOfType(AssertionError.class,
        () -> Fuzz.forAll(99L, 1, 500, numbers, n -> assertThat(n).isLessThan(900)));

    assertThat(failure).isNotNull();
    assertThat(failure.getMessage()).contains("with seed 99", "-Dfuzz.seed=99", "random value");
    String input = failure.getMessage().replaceAll("(?s).*input: (\\d+).*", "$1");
    assertThat(Integer.parseInt(input)).isGreaterThanOrEqualTo(900);

    List<Integer> replayed = new ArrayList<>();
    catchThrowableOfType(AssertionError.class, () -> Fuzz.forAll(99L, 1, 500, numbers, n -> {
      replayed.add(n);
      assertThat(n).isLessThan(900);
    }));
    assertThat(replayed.get(replayed.size() - 1)).isEqualTo(Integer.parseInt(input));
  }

  @Test
  void anExceptionOtherThanAnAssertion_alsoFailsTheProperty() {
    assertThatThrownBy(() -> Fuzz.forAll(5L, 1, 5, Gens.of("x"), text -> {
      throw new IllegalStateException("boom on " + text);
    })).isInstanceOf(AssertionError.class).hasMessageContaining("listed value 1 of 1")
        .hasMessageContaining("input: \"x\"").hasRootCauseMessage("boom on x");
  }

  @Test
  void describe_escapesWhatAReaderCouldNotRetype() {
    assertThat(Fuzz.describe("a\nb\t\"ü\u0000"))
        .isEqualTo("\"a\\nb\\t\\\"\\u00fc\\u0000\"");
    assertThat(Fuzz.describe(new Gens.Pair<>("x", 3))).isEqualTo("(\"x\", 3)");
  }
}

package io.tracklab.testsupport.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class GensTest {
  private final UniformRandomProvider random = RandomSource.XO_RO_SHI_RO_128_PP.create(2026L);

  @Test
  void strings_stayWithinTheirCharactersAndLengths() {
    Gen<String> strings = Gens.strings("xyü", 2, 5);
    Set<Integer> lengths = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      String text = strings.next(random);
      assertThat(text).matches("[xyü]{2,5}");
      lengths.add(text.length());
    }
    assertThat(lengths).containsExactlyInAnyOrder(2, 3, 4, 5);
  }

  @Test
  void integers_reachBothEndsOfTheirRange_andNoFurther() {
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      seen.add(Gens.integers(-2, 2).next(random));
    }
    assertThat(seen).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
    assertThat(Gens.integers(Integer.MIN_VALUE, Integer.MAX_VALUE).next(random)).isNotNull();
  }

  @Test
  void combine_listsEveryListedValueOfEveryPart_fillingTheRestAtRandom() {
    Gen<String> combined = Gens.combine(Gens.of("a", "b", "c"), Gens.oneOf(Gens.of(1), Gens.integers(5, 9)),
        (letter, number) -> letter + number);
    List<String> listed = combined.listed(random);

    assertThat(listed).containsExactly("a1", "b1", "c1");
    assertThat(Gens.pairs(Gens.integers(0, 3), Gens.of("p", "q")).listed(random)).extracting(Gens.Pair::second)
        .containsExactly("p", "q");
  }

  @Test
  void listOf_listsTheEmptyListAndEachListedElementAlone() {
    assertThat(Gens.listOf(Gens.of("x", "y"), 3).listed(random)).containsExactly(List.of(), List.of("x"), List.of("y"));
    for (int i = 0; i < 100; i++) {
      assertThat(Gens.listOf(Gens.of("x"), 3).next(random)).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void oneOf_listsEachChoiceOnce_evenWhenAChoiceIsWeighedTwice() {
    Gen<String> listedTwice = Gens.of("p");
    assertThat(Gens.oneOf(listedTwice, listedTwice, Gens.of("q")).listed(random)).containsExactly("p", "q");
  }

  @Test
  void map_appliesToListedAndRandomValues() {
    Gen<Integer> lengths = Gens.of("ab", "abc").map(String::length);
    assertThat(lengths.listed(random)).containsExactly(2, 3);
    assertThat(lengths.next(random)).isIn(2, 3);
  }

  @Test
  void badShapes_areRefusedNamingTheArgument() {
    assertThatThrownBy(() -> Gens.strings("", 0, 1)).hasMessageStartingWith("chars:");
    assertThatThrownBy(() -> Gens.strings("a", 3, 1)).hasMessageContaining("3..1");
    assertThatThrownBy(() -> Gens.integers(2, 1)).hasMessageContaining("2..1");
    assertThatThrownBy(() -> Gens.of(List.of())).hasMessageStartingWith("values:");
  }
}

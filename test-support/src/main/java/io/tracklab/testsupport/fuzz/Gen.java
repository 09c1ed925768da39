package io.tracklab.testsupport.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A source of generated test input: random values drawn from a seeded generator, plus the values a
 * test listed literally, which {@link Fuzz#forAll} tries once each before any random value (the
 * hand-picked nasty cases are the ones most worth trying; leaving them to chance would try some
 * twice and others never).
 *
 * <p>Factories are in {@link Gens}. A generator holds no state: the same random provider in the
 * same state gives the same values, which is what makes a failure replay from its seed.
 *
 * @param <T> what it generates
 */
public interface Gen<T> {

  /** One random value. */
  T next(UniformRandomProvider random);

  /**
   * The values this generator lists literally, each once, in order; empty when it lists none.
   * A composite that lists some values fills its other parts at random, so it takes the random
   * provider too.
   */
  default List<T> listed(UniformRandomProvider random) {
    return List.of();
  }

  /** This generator's values (random and listed) passed through {@code mapping}. */
  default <R> Gen<R> map(Function<? super T, ? extends R> mapping) {
    Gen<T> source = this;
    return new Gen<>() {
      @Override
      public R next(UniformRandomProvider random) {
        return mapping.apply(source.next(random));
      }

      @Override
      public List<R> listed(UniformRandomProvider random) {
        List<R> mapped = new ArrayList<>();
        for (T value : source.listed(random)) {
          mapped.add(mapping.apply(value));
        }
        return mapped;
      }
    };
  }
}

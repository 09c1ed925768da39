package io.tracklab.testsupport.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The few shapes of generated input the malformed-input properties use: a pick from a list, a
 * string over a character set, one of several generators, a short list, an integer in a range, a
 * coin flip, and two or three generators combined.
 *
 * <p>Listed values ({@link Gen#listed}): a pick from a list lists every element; one of several
 * lists what each of them lists; a combination lists as many values as its longest part lists,
 * cycling the shorter parts' listed values and drawing parts that list nothing at random, so
 * every listed value of every part appears at least once.
 */
public final class Gens {
  private Gens() {}

  /** One of {@code values}, uniformly; lists all of them. */
  @SafeVarargs
  public static <T> Gen<T> of(T... values) {
    return of(Arrays.asList(values));
  }

  /** One of {@code values}, uniformly; lists all of them. */
  public static <T> Gen<T> of(List<T> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("values: a pick needs at least one value to pick from");
    }
    List<T> copy = List.copyOf(values);
    return new Gen<>() {
      @Override
      public T next(UniformRandomProvider random) {
        return copy.get(random.nextInt(copy.size()));
      }

      @Override
      public List<T> listed(UniformRandomProvider random) {
        return copy;
      }
    };
  }

  /** A string of {@code minLength} to {@code maxLength} characters, each one of {@code chars}. */
  public static Gen<String> strings(String chars, int minLength, int maxLength) {
    if (chars.isEmpty()) {
      throw new IllegalArgumentException("chars: a string needs at least one character to draw from");
    }
    if (minLength < 0 || maxLength < minLength) {
      throw new IllegalArgumentException("length: " + minLength + ".." + maxLength + " is not a range of lengths");
    }
    int[] codePoints = chars.codePoints().toArray();
    return random -> {
      int length = minLength + random.nextInt(maxLength - minLength + 1);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
      }
      return text.toString();
    };
  }

  /** An integer from {@code min} to {@code max}, both included. */
  public static Gen<Integer> integers(int min, int max) {
    if (max < min) {
      throw new IllegalArgumentException("range: " + min + ".." + max + " is empty");
    }
    return random -> min + (int) random.nextLong((long) max - min + 1);
  }

  /** True or false, evenly. */
  public static Gen<Boolean> coin() {
    return UniformRandomProvider::nextBoolean;
  }

  /**
   * A value of one of {@code choices}, each chosen equally often (list one twice to weigh it
   * double); lists what each lists.
   */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
    if (choices.length == 0) {
      throw new IllegalArgumentException("choices: oneOf needs at least one generator");
    }
    List<Gen<? extends T>> copy = List.of(choices);
    return new Gen<>() {
      @Override
      public T next(UniformRandomProvider random) {
        return copy.get(random.nextInt(copy.size())).next(random);
      }

      @Override
      public List<T> listed(UniformRandomProvider random) {
        List<T> all = new ArrayList<>();
        for (Gen<? extends T> choice : new java.util.LinkedHashSet<>(copy)) {
          all.addAll(choice.listed(random));
        }
        return all;
      }
    };
  }

  /**
   * A list of 0 to {@code maxSize} elements of {@code elements}; lists the empty list and a
   * one-element list of each listed element.
   */
  public static <T> Gen<List<T>> listOf(Gen<T> elements, int maxSize) {
    if (maxSize < 0) {
      throw new IllegalArgumentException("maxSize: " + maxSize + " is negative");
    }
    return new Gen<>() {
      @Override
      public List<T> next(UniformRandomProvider random) {
        int size = random.nextInt(maxSize + 1);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          list.add(elements.next(random));
        }
        return list;
      }

      @Override
      public List<List<T>> listed(UniformRandomProvider random) {
        List<List<T>> all = new ArrayList<>();
        all.add(List.of());
        if (maxSize > 0) {
          for (T element : elements.listed(random)) {
            all.add(List.of(element));
          }
        }
        return all;
      }
    };
  }

  /** Two inputs drawn together. */
  public record Pair<A, B>(A first, B second) {}

  /** Three inputs drawn together. */
  public record Triple<A, B, C>(A first, B second, C third) {}

  /** {@code first} and {@code second} drawn together. */
  public static <A, B> Gen<Pair<A, B>> pairs(Gen<A> first, Gen<B> second) {
    return combine(first, second, Pair::new);
  }

  /** Three generators drawn together. */
  public static <A, B, C> Gen<Triple<A, B, C>> triples(Gen<A> first, Gen<B> second, Gen<C> third) {
    return combine(pairs(first, second), third, (pair, c) -> new Triple<>(pair.first(), pair.second(), c));
  }

  /** Two generators drawn together and combined by {@code combiner}. */
  public static <A, B, R> Gen<R> combine(Gen<A> first, Gen<B> second,
      java.util.function.BiFunction<? super A, ? super B, ? extends R> combiner) {
    Objects.requireNonNull(combiner, "combiner");
    return new Gen<>() {
      @Override
      public R next(UniformRandomProvider random) {
        A a = first.next(random);
        return combiner.apply(a, second.next(random));
      }

      @Override
      public List<R> listed(UniformRandomProvider random) {
        List<A> firsts = first.listed(random);
        List<B> seconds = second.listed(random);
        int count = Math.max(firsts.size(), seconds.size());
        List<R> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          A a = firsts.isEmpty() ? first.next(random) : firsts.get(i % firsts.size());
          B b = seconds.isEmpty() ? second.next(random) : seconds.get(i % seconds.size());
          all.add(combiner.apply(a, b));
        }
        return all;
      }
    };
  }
}

package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class KeyDistributionTest {
  private static int[] histogram(KeyDistribution distribution, int keys, int samples) {
    KeyChooser chooser = distribution.newChooser(keys, 42);
    int[] counts = new int[keys];
    for (int i = 0; i < samples; i++) {
      counts[chooser.next()]++;
    }
    return counts;
  }

  @Test
  void uniform_picksEveryKeyAboutEqually() {
    int[] counts = histogram(new KeyDistribution.Uniform(), 10, 100_000);
    for (int count : counts) {
      assertThat(count).isBetween(9_500, 10_500);
    }
  }

  @Test
  void zipf_followsOneOverRankToTheExponent() {
    int[] counts = histogram(new KeyDistribution.Zipf(1.0), 100, 400_000);
    // P(rank 1) / P(rank 2) = 2 and P(rank 1) / P(rank 10) = 10 for exponent 1
    assertThat((double) counts[0] / counts[1]).isCloseTo(2.0, within(0.1));
    assertThat((double) counts[0] / counts[9]).isCloseTo(10.0, within(0.8));
    double harmonic = 0;
    for (int k = 1; k <= 100; k++) {
      harmonic += 1.0 / k;
    }
    assertThat(counts[0] / 400_000.0).isCloseTo(1 / harmonic, within(0.005));
  }

  @Test
  void hotSet_sendsTheProbabilityToTheFraction() {
    int[] counts = histogram(new KeyDistribution.HotSet(0.1, 0.9), 100, 200_000);
    int hot = 0;
    for (int i = 0; i < 10; i++) {
      hot += counts[i];
    }
    assertThat(hot / 200_000.0).isCloseTo(0.9, within(0.01));
  }

  @Test
  void sequential_walksTheKeysInOrderAndWraps() {
    KeyChooser chooser = new KeyDistribution.Sequential().newChooser(3, 1);
    assertThat(new int[] {chooser.next(), chooser.next(), chooser.next(), chooser.next()})
        .containsExactly(1, 2, 0, 1);
  }

  @Test
  void sameSeed_sameKeys() {
    KeyChooser a = new KeyDistribution.Zipf(0.99).newChooser(1000, 7);
    KeyChooser b = new KeyDistribution.Zipf(0.99).newChooser(1000, 7);
    for (int i = 0; i < 100; i++) {
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  @Test
  void parse_readsEveryFormAndDescribeRoundTrips() {
    for (String text : new String[] {"uniform", "zipf:0.99", "hotset:0.1:0.8", "sequential"}) {
      assertThat(KeyDistribution.parse(text).describe()).isEqualTo(text);
    }
    assertThat(KeyDistribution.parse("hotset:0.2")).isEqualTo(new KeyDistribution.HotSet(0.2, 0.9));
  }

  @Test
  void parse_namesTheBadValue() {
    assertThatThrownBy(() -> KeyDistribution.parse("gaussian"))
        .hasMessage("unknown distribution 'gaussian': expected uniform, zipf:<exponent>, "
            + "hotset:<fraction>[:<probability>] or sequential");
    assertThatThrownBy(() -> KeyDistribution.parse("zipf:-1"))
        .hasMessage("zipf exponent must be a positive number, got -1.0");
    assertThatThrownBy(() -> KeyDistribution.parse("hotset:2"))
        .hasMessage("hotset fraction must be between 0 and 1 (exclusive), got 2.0");
    assertThatThrownBy(() -> KeyDistribution.parse("zipf:x")).hasMessageStartingWith("distribution 'zipf:x' has a number");
    // found by SystemPropertiesFuzzTest: ":" splits into no parts at all
    assertThatThrownBy(() -> KeyDistribution.parse(":")).hasMessageStartingWith("unknown distribution ':'");
    assertThatThrownBy(() -> KeyDistribution.parse("::")).hasMessageStartingWith("unknown distribution '::'");
  }
}

package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShippedExperimentsTest {

  @Test
  void numberedNames_sortAsNumbers_thenUnnumberedByName() {
    List<String> names = new ArrayList<>(List.of("10-idle-30", "2-latency", "readme", "1-no-fault", "9-overflow",
        "12-kill", "11-idle-300", "alpha", "2-a"));
    names.sort(ShippedExperiments.NUMBERED);
    assertThat(names).containsExactly("1-no-fault", "2-a", "2-latency", "9-overflow", "10-idle-30", "11-idle-300",
        "12-kill", "alpha", "readme");
  }

  @Test
  void theComparisonSet_comesInItsFilesNumberedOrder() {
    List<String> names = ShippedExperiments.comparison().stream().map(ShippedExperiments.Shipped::name).toList();
    assertThat(names).hasSizeGreaterThanOrEqualTo(12).startsWith("1-no-fault", "2-latency");
    assertThat(names.indexOf("10-idle-30")).isGreaterThan(names.indexOf("9-tracking-table-overflow"));
  }
}

package io.tracklab.harness.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.chaos.ScheduleCheck;
import io.tracklab.harness.chaos.ScheduledFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomFaultsTest {
  @Test
  void aSeed_givesTheSameTimeline_anotherSeedAnother() {
    assertThat(RandomFaults.lines(42, Duration.ofMinutes(2), Duration.ofSeconds(5)))
        .isEqualTo(RandomFaults.lines(42, Duration.ofMinutes(2), Duration.ofSeconds(5)))
        .isNotEqualTo(RandomFaults.lines(43, Duration.ofMinutes(2), Duration.ofSeconds(5)));
  }

  @Test
  void theTimeline_parses_fitsTheRun_andNoFaultOverlapsTheNext() {
    Duration duration = Duration.ofMinutes(10);
    List<String> lines = RandomFaults.lines(1, duration, Duration.ofSeconds(5));
    FaultSchedule schedule = FaultSchedule.parse("soak", String.join("; ", lines));

    assertThat(schedule.faults()).hasSize(119); // at 5 s, 10 s, ... 595 s
    assertThat(ScheduleCheck.check(schedule.faults(), "standalone", List.of("primary"), duration)).isEmpty();
    List<ScheduledFault> faults = schedule.faults();
    for (int i = 1; i < faults.size(); i++) {
      assertThat(faults.get(i - 1).healsAt()).isLessThan(faults.get(i).at());
    }
    assertThat(faults.stream().map(fault -> fault.fault().kind()).distinct().count()).as("a mix").isGreaterThan(4);
    assertThat(faults).allSatisfy(fault -> assertThat(fault.fault().throughProxy()).isTrue());
  }

  @Test
  void faultsTooCloseToHeal_areRefused() {
    assertThatThrownBy(() -> RandomFaults.lines(1, Duration.ofMinutes(1), Duration.ofSeconds(3)))
        .hasMessageContaining("at least 4 s apart");
  }
}

package io.tracklab.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.KeySlice;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RunPlanTest {
  private static final RunPlan PLAN = new RunPlan("exp", null,
      new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30), 8, 3000, 100,
          new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5), new OperationMix(0, 2, 0)),
      new GateSettings(0, Duration.ofMillis(50), Duration.ofMillis(550), Duration.ofMillis(10), 0),
      FaultSchedule.parse("test", "at 5s for 5s: latency 50ms downstream on primary"));

  private static RunPlan injector(int index, int count) {
    return PLAN.asInjector(new InjectorRole("injector-" + (index + 1), new KeySlice(index, count), () -> { }));
  }

  @Test
  void theInjectors_shareTheUsersAndTheRate_betweenThem() {
    int[] users = IntStream.range(0, 3).map(i -> injector(i, 3).settings().users()).toArray();

    assertThat(users).containsExactly(3, 3, 2);
    assertThat(injector(2, 3).settings().rate()).isEqualTo(1000);
  }

  @Test
  void anInjector_hasEveryUserItNeeds_evenWhenThereAreMoreInjectorsThanUsers() {
    assertThat(injector(11, 12).settings().users()).isEqualTo(1);
  }

  @Test
  void anInjector_injectsNoFault_keepsTheGates_andIsNamedForItsRole() {
    RunPlan second = injector(1, 3);

    assertThat(second.faults().isEmpty()).isTrue();
    assertThat(second.gates()).isEqualTo(PLAN.gates());
    assertThat(second.runId()).isEqualTo("injector-2");
    assertThat(second.injector().slice()).isEqualTo(new KeySlice(1, 3));
    assertThat(PLAN.injector()).isNull();
  }
}

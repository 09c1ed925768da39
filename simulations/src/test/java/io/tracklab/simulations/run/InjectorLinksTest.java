package io.tracklab.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.chaos.FaultSchedule;
import org.junit.jupiter.api.Test;

class InjectorLinksTest {
  private static FaultSchedule schedule(String lines) {
    return FaultSchedule.parse("test", lines);
  }

  @Test
  void linesWithoutVia_needNoInjector() {
    assertThat(InjectorLinks.problems(schedule("at 1s: latency 50ms on primary; at 2s: kill primary"), 0)).isEmpty();
  }

  @Test
  void aLinkOfAnInjector_needsADistributedRunWithThatInjector() {
    FaultSchedule faults = schedule("at 1s: latency 200ms on primary via injector-3");
    assertThat(InjectorLinks.problems(faults, 3)).isEmpty();
    assertThat(InjectorLinks.problems(faults, 4)).isEmpty();
    assertThat(InjectorLinks.problems(faults, 2)).containsExactly("\"at 1s: latency 200ms on primary via injector-3\": "
        + "\"via injector-3\" names an injector this run does not have (it has 2: injector-1 to injector-2)");
    assertThat(InjectorLinks.problems(faults, 1)).singleElement().asString()
        .endsWith("(it has 1: injector-1)");
    assertThat(InjectorLinks.problems(faults, 0)).containsExactly("\"at 1s: latency 200ms on primary via injector-3\": "
        + "\"via injector-3\" names an injector, and this run has none: run it distributed (--injectors 3, or "
        + "injectors: in the experiment)");
  }
}

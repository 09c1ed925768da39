package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.simulations.run.RunProgress;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusLineTest {
  private final ByteArrayOutputStream terminal = new ByteArrayOutputStream();
  private final StatusLine status = new StatusLine(new PrintStream(terminal, true, StandardCharsets.UTF_8));
  private final PrintStream others = status.around(new PrintStream(terminal, true, StandardCharsets.UTF_8));

  private String screen() {
    return terminal.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theStatusRewritesItselfInPlace_andOtherLinesEraseItFirst() {
    status.show("[1s]");
    status.show("[2s]");
    others.println("injected latency");
    status.show("[3s]");
    assertThat(screen()).isEqualTo("\r\033[K[1s]\r\033[K[2s]\r\033[Kinjected latency\n\r\033[K[3s]");
  }

  @Test
  void theStatusWaitsWhileAnotherLineIsHalfWritten() {
    others.print("tracklab gate ");
    status.show("[1s]");
    others.println("PASS");
    status.show("[2s]");
    assertThat(screen()).isEqualTo("tracklab gate PASS\n\r\033[K[2s]");
  }

  @Test
  void aProgressLine_hasEveryFigure() {
    RunProgress progress = new RunProgress("run", Duration.ofMillis(12_400), Duration.ofSeconds(30),
        new RunRecorder.Progress(1000, 950, 100, 3, 1, 7, 0), List.of("at 5s for 8s: latency 50ms on primary"));
    assertThat(ProgressReporter.line(progress, 4999.6)).isEqualTo("[  12s/30s]     5,000 ops/s  hits  95.0%  "
        + "stale 7 (0 beyond bound)  failed 4  faults: at 5s for 8s: latency 50ms on primary");
  }
}

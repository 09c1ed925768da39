package io.tracklab.reports.allure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunMetadata;
import io.tracklab.harness.result.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureExportTest {
  @TempDir
  Path directory;

  private RunResult result(String runId, boolean interrupted, boolean passed) {
    return new RunResult(RunResult.SCHEMA,
        new RunMetadata(runId, 1_700_000_000_000L, 20_000, "sentinel", "local", "tracklab", Map.of(),
            List.of(new FaultRecord("kill", "primary", 5_000, 15_000L, Map.of("failoverMillis", 2_300L))),
            List.of("host"), interrupted),
        Map.of(), Map.of("reads", 10L), List.of(),
        List.of(new GateVerdict("staleness beyond bound", "violations", "==", 0, passed ? 0 : 12, passed)));
  }

  private JsonNode export(RunResult result) throws Exception {
    Path file = directory.resolve(result.run().runId() + ".json");
    ResultFiles.write(file, result);
    Path results = directory.resolve("allure-results-" + result.run().runId());
    String uuid = new AllureExport(results).write("experiments", result, file, null, null);
    return new ObjectMapper().readTree(results.resolve(uuid + "-result.json").toFile());
  }

  @Test
  void aRun_isOneTestResult_withItsFaultTimedAndItsGatesAsSteps() throws Exception {
    JsonNode test = export(result("failover-20261123-120000", false, true));
    assertThat(test.get("name").asText()).isEqualTo("failover (sentinel, tracklab)");
    assertThat(test.get("status").asText()).isEqualTo("passed");
    assertThat(test.get("start").asLong()).isEqualTo(1_700_000_000_000L);
    assertThat(test.get("stop").asLong()).isEqualTo(1_700_000_020_000L);
    JsonNode fault = test.get("steps").get(1);
    assertThat(fault.get("name").asText()).isEqualTo("fault kill on primary at +5.0 s, healed at +15.0 s");
    assertThat(fault.get("start").asLong()).isEqualTo(1_700_000_005_000L);
    assertThat(fault.get("stop").asLong()).isEqualTo(1_700_000_015_000L);
    assertThat(fault.at("/steps/0/name").asText()).isEqualTo("failover: first write on the new primary after 2.3 s");
    assertThat(test.at("/steps/2/name").asText()).isEqualTo("gates");
    assertThat(test.at("/steps/2/steps/0/status").asText()).isEqualTo("passed");
  }

  @Test
  void aFailedGate_failsIt_andAnInterruptedRun_isBroken() throws Exception {
    JsonNode failed = export(result("failover-20261123-120001", false, false));
    assertThat(failed.get("status").asText()).isEqualTo("failed");
    assertThat(failed.at("/statusDetails/message").asText())
        .isEqualTo("gates failed: staleness beyond bound (violations == 0, measured 12)");
    assertThat(export(result("failover-20261123-120002", true, true)).get("status").asText()).isEqualTo("broken");
  }

  @Test
  void runsOfOneExperiment_shareAHistoryId_soAllureTrendsThem() throws Exception {
    String first = export(result("failover-20261123-120000", false, true)).get("historyId").asText();
    String later = export(result("failover-20261124-090000-2", false, true)).get("historyId").asText();
    assertThat(later).isEqualTo(first);
    assertThat(AllureExport.historyId("experiments", "failover", "cluster", "tracklab")).isNotEqualTo(first);
    assertThat(Files.list(directory.resolve("allure-results-failover-20261123-120000"))
        .filter(path -> path.toString().endsWith("-attachment.json"))).hasSize(1);
  }
}

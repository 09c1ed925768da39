package io.tracklab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.GateVerdict;
import io.tracklab.harness.result.ResultFiles;
import io.tracklab.harness.result.RunResult;
import io.tracklab.reports.allure.AllureReportBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reports of one real short run with two faults (through the jar, against a local
 * redis-server): its summary page, its Allure result and the Allure report built from it, and the
 * page in headless Chromium.
 */
class RunReportsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPERIMENT = """
      schema: 1
      name: reports-check
      duration: 12s
      workload:
        users: 4
        rate: 2000
      faults:
        - at 2s for 3s: latency 20ms on primary
        - at 7s for 2s: reset primary
      gates:
        failedPercent: 50
      """;

  @TempDir
  static Path directory;
  private static Path run;
  private static RunResult result;
  private static String page;

  @BeforeAll
  static void runTheExperiment() throws Exception {
    Path file = Files.writeString(directory.resolve("reports-check.yaml"), EXPERIMENT);
    try (TracklabProcess tracklab = TracklabProcess.start(directory, List.of(), "run", file.toString())) {
      int exit = tracklab.waitFor(Duration.ofMinutes(2));
      assertThat(exit).as(tracklab.output()).isEqualTo(ExitCodes.PASSED);
      assertThat(tracklab.output()).contains("summary ");
    }
    try (Stream<Path> runs = Files.list(directory.resolve("tracklab-results"))) {
      run = runs.filter(path -> path.getFileName().toString().startsWith("reports-check-")).findFirst().orElseThrow();
    }
    result = ResultFiles.read(run.resolve("result.json"));
    page = Files.readString(run.resolve("summary.html"));
  }

  @Test
  void theSummaryPage_showsTheGatesAsInResultJson_everyFault_andNonEmptyPlots() {
    assertThat(result.gates()).hasSizeGreaterThanOrEqualTo(4);
    for (GateVerdict gate : result.gates()) {
      assertThat(page).contains("<tr class=\"" + (gate.passed() ? "pass" : "fail") + "\"><td>" + gate.name()
          + "</td><td>" + escape(gate.metric()) + "</td><td class=\"threshold\">" + escape(gate.comparison()) + " "
          + number(gate.threshold()) + "</td><td class=\"measured\">" + number(gate.measured()) + "</td><td>"
          + (gate.passed() ? "PASS" : "FAIL") + "</td></tr>");
    }
    assertThat(result.run().faults()).extracting(FaultRecord::kind).containsExactly("latency", "reset");
    String timeline = svgs().get(0);
    for (FaultRecord fault : result.run().faults()) {
      assertThat(page).as("the faults table").contains("<tr class=\"fault\"><td>" + fault.kind() + "</td><td>"
          + fault.target() + "</td><td>" + number(fault.startedAtMillis() / 1000.0) + "</td><td>"
          + number(fault.healedAtMillis() / 1000.0) + "</td>");
      assertThat(timeline).as("the fault window's label on the timeline").contains(fault.kind() + " " + fault.target());
    }
    List<String> plots = svgs();
    assertThat(plots).as("timeline, local hits and remote reads, staleness and invalidation delay, t-visibility")
        .hasSize(6);
    for (String plot : plots) {
      assertThat(Pattern.compile("<(path|line|rect|polyline)\\b").matcher(plot).results().count())
          .as("drawn shapes").isGreaterThan(20);
    }
    assertThat(page).contains("t-visibility", "at least 99.9% of reads returned the write or newer");
    assertThat(page).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:|//)").doesNotContain("<script");
    assertThat(page).contains("href=\"result.json\"", "href=\"gatling/");
  }

  @Test
  void theRunIsAnAllureResult_withItsFaultsAndGatesAsSteps_andTheAllureReportShowsIt() throws Exception {
    Path results = directory.resolve("tracklab-results").resolve("allure-results");
    JsonNode test = null;
    try (Stream<Path> files = Files.list(results)) {
      for (Path file : files.filter(path -> path.toString().endsWith("-result.json")).toList()) {
        test = JSON.readTree(file.toFile());
      }
    }
    assertThat(test).as("one Allure result").isNotNull();
    assertThat(test.get("name").asText()).isEqualTo("reports-check (standalone, tracklab)");
    assertThat(test.get("status").asText()).isEqualTo("passed");
    List<String> steps = new ArrayList<>();
    test.get("steps").forEach(step -> steps.add(step.get("name").asText()));
    assertThat(steps).anyMatch(step -> step.startsWith("fault latency on primary at +"))
        .anyMatch(step -> step.startsWith("fault reset on primary at +")).contains("gates");
    JsonNode gates = test.get("steps").get(steps.indexOf("gates")).get("steps");
    assertThat(gates.size()).isEqualTo(result.gates().size());
    for (JsonNode attachment : test.get("attachments")) {
      assertThat(Files.size(results.resolve(attachment.get("source").asText()))).as(attachment.toString()).isPositive();
    }
    assertThat(test.get("attachments").findValuesAsText("name"))
        .contains("result.json", "summary page", "timeline (per second, faults shaded)", "t-visibility");

    Path report = directory.resolve("allure-report");
    AllureReportBuilder.generate(Path.of(System.getProperty("tracklab.allure.home")), List.of(results), report, false);
    assertThat(report.resolve("index.html")).exists();
    List<JsonNode> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(report.resolve("data").resolve("test-cases"))) {
      for (Path file : files.toList()) {
        cases.add(JSON.readTree(file.toFile()));
      }
    }
    assertThat(cases).hasSize(1);
    JsonNode shown = cases.get(0);
    assertThat(shown.get("name").asText()).isEqualTo("reports-check (standalone, tracklab)");
    assertThat(shown.get("status").asText()).isEqualTo("passed");
    assertThat(shown.at("/testStage/steps").size()).isEqualTo(steps.size());
  }

  @Test
  void theSummaryPage_inHeadlessChromium_rendersWithoutConsoleErrors_andWithoutAnyRequestLeaving() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "chromium is not installed (.ci/run installs it)");
    Chromium.Load load = Chromium.load(run.resolve("summary.html"), directory.resolve("summary.png"));
    assertThat(load.screenshot()).exists();
    assertThat(Files.size(load.screenshot())).as("a screenshot, not a blank page").isGreaterThan(50_000);
    assertThat(load.consoleErrors()).isEmpty();
    assertThat(load.requestsLeaving()).isEmpty();

    // the same checks catch a page that does both
    Path bad = Files.writeString(directory.resolve("bad.html"), "<html><body><img src=\"http://tracklab.invalid/x.png\">"
        + "<script>console.error('broken page')</script></body></html>");
    Chromium.Load broken = Chromium.load(bad, directory.resolve("bad.png"));
    assertThat(broken.consoleErrors()).anyMatch(line -> line.contains("broken page"));
    assertThat(broken.requestsLeaving()).contains("http://tracklab.invalid/x.png");
  }

  /** The inline SVG elements of the page, in order. */
  private static List<String> svgs() {
    List<String> found = new ArrayList<>();
    Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
    while (svg.find()) {
      found.add(svg.group());
    }
    return found;
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Headless Chromium on a local file, offline: a screenshot, its console errors, its network requests. */
  static final class Chromium {
    record Load(Path screenshot, List<String> consoleErrors, List<String> requestsLeaving) {}

    static Load load(Path page, Path screenshot) throws IOException, InterruptedException {
      Path netLog = screenshot.resolveSibling(screenshot.getFileName() + ".netlog.json");
      Path profile = Files.createTempDirectory(screenshot.getParent(), "chromium-profile");
      Process chromium = new ProcessBuilder("/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
          "--disable-background-networking", "--user-data-dir=" + profile, "--no-first-run",
          "--disable-component-update", "--disable-sync", "--disable-extensions", "--no-pings",
          // no name resolves: a request that tries to leave fails here, before any packet
          "--host-resolver-rules=MAP * ~NOTFOUND",
          "--enable-logging=stderr", "--v=0", "--log-net-log=" + netLog, "--window-size=1200,3000",
          "--virtual-time-budget=3000", "--screenshot=" + screenshot, page.toUri().toString())
          .redirectErrorStream(true).start();
      chromium.getOutputStream().close();
      String output = new String(chromium.getInputStream().readAllBytes());
      assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
      // the page has no script: any console message at all is an error here
      List<String> errors = output.lines().filter(line -> line.contains(":CONSOLE")).toList();
      // requests made for the page (its network isolation key is the file:// site), not the
      // browser's own (update checks and the like, blocked by the resolver rule all the same)
      List<String> requests = new ArrayList<>();
      for (JsonNode event : JSON.readTree(netLog.toFile()).get("events")) {
        JsonNode params = event.get("params");
        if (params != null && params.has("url") && params.path("network_isolation_key").asText().startsWith("file://")
            && params.get("url").asText().matches("(?i)(https?|wss?|ftp)://.*")) {
          requests.add(params.get("url").asText());
        }
      }
      return new Load(screenshot, errors, requests.stream().distinct().toList());
    }
  }
}

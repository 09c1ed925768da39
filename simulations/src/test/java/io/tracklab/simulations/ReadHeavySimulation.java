package io.tracklab.simulations;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.holdFor;
import static io.gatling.javaapi.core.CoreDsl.percent;
import static io.gatling.javaapi.core.CoreDsl.randomSwitch;
import static io.gatling.javaapi.core.CoreDsl.reachRps;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheGet;
import static io.tracklab.simulations.protocol.NearCacheDsl.cacheSet;
import static io.tracklab.simulations.protocol.NearCacheDsl.nearCache;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.tracklab.harness.nearcache.NearCacheConfig;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.protocol.NearCacheDsl;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * The default simulation: 95% reads over Zipf(0.99) keys through the near-cache on a standalone
 * topology, writes from "another instance", every read checked. Gates: no failed operation, no
 * stale read older than the bound.
 *
 * <p>{@code ./mvnw gatling:test} runs it; {@code -Dtopology -Dclient -Dduration -Dusers -Drate
 * -Dkeys -Ddistribution -DreadRatio -DvalueSize -DstaleBound} change it.
 */
public class ReadHeavySimulation extends Simulation {
  static final RunSettings DEFAULTS = new RunSettings(TopologyKind.STANDALONE, "tracklab", Duration.ofSeconds(30),
      8, 0, 10_000, new KeyDistribution.Zipf(0.99), 0.95, 64,
      NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE.plusMillis(50), Duration.ofSeconds(5));

  private final RunSettings settings = RunSettings.from(System.getProperties(), DEFAULTS);
  private TracklabRun run;

  {
    int readPercent = (int) Math.round(settings.readRatio() * 100);
    ScenarioBuilder nearCacheUsers = scenario(NearCacheDsl.SCENARIO).during(settings.duration()).on(
        group("operations").on(randomSwitch().on(
            percent(readPercent).then(exec(cacheGet())),
            percent(100 - readPercent).then(exec(cacheSet())))));
    SetUp setUp = setUp(nearCacheUsers.injectClosed(
            constantConcurrentUsers(settings.users()).during(settings.duration())))
        .protocols(nearCache())
        .assertions(
            details("operations").failedRequests().percent().lte(0.0),
            details(NearCacheDsl.STALENESS).responseTime().max().lte((int) settings.staleBound().toMillis()));
    if (settings.rate() > 0) {
      setUp.throttle(reachRps((int) settings.rate()).in(Duration.ofSeconds(1)), holdFor(settings.duration()));
    }
  }

  @Override
  public void before() {
    run = TracklabRun.start(getClass().getSimpleName(), settings);
  }

  @Override
  public void after() {
    if (run != null) {
      run.finish(false);
    }
  }
}

package io.tracklab.simulations.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.protocol.ProtocolKey;
import io.gatling.core.session.Session;
import io.tracklab.simulations.run.TracklabRun;
import java.util.Objects;
import java.util.function.Supplier;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * The near-cache protocol: which tracklab run (topology, client, recorder) the actions of a
 * simulation talk to. The simulation declares it with its scenario, before the run exists, and
 * hands it the way to the run; Gatling creates its components when it builds the scenario, after
 * the simulation's {@code before()} started the run, and every action finds the run there.
 */
public final class NearCacheProtocol implements Protocol {
  private final Supplier<TracklabRun> run;

  /** @param run the run the simulation's {@code before()} starts (null before it) */
  NearCacheProtocol(Supplier<TracklabRun> run) {
    this.run = Objects.requireNonNull(run, "run");
  }

  private TracklabRun run() {
    TracklabRun started = run.get();
    if (started == null) {
      throw new IllegalStateException("no tracklab run: the simulation's before() must start one");
    }
    return started;
  }

  /** Gatling's handle on this protocol's components. */
  public static final ProtocolKey<NearCacheProtocol, Components> KEY = new ProtocolKey<>() {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Protocol> protocolClass() {
      return (Class) NearCacheProtocol.class;
    }

    @Override
    public NearCacheProtocol defaultProtocolValue(GatlingConfiguration configuration) {
      // a scenario without .protocols(nearCache(...)): its actions cannot know which run is theirs
      return new NearCacheProtocol(() -> {
        throw new IllegalStateException("the near-cache actions need .protocols(NearCacheDsl.nearCache(() -> run))");
      });
    }

    @Override
    public Function1<NearCacheProtocol, Components> newComponents(CoreComponents coreComponents) {
      return protocol -> new Components(protocol.run(), coreComponents);
    }
  };

  /** What actions share: the run and Gatling's core (stats engine, clock). */
  public static final class Components implements ProtocolComponents {
    private final TracklabRun run;
    private final CoreComponents core;
    private final ReportRecords records;
    private final PseudoRequests pseudoRequests;

    Components(TracklabRun run, CoreComponents core) {
      this.run = run;
      this.core = core;
      this.records = new ReportRecords(core, new ReportSampler(run.reportRecordsPerSecond()));
      this.pseudoRequests = new PseudoRequests(run, core, records);
    }

    PseudoRequests pseudoRequests() {
      return pseudoRequests;
    }

    ReportRecords records() {
      return records;
    }

    public TracklabRun run() {
      return run;
    }

    public CoreComponents core() {
      return core;
    }

    @Override
    public Function1<Session, Session> onStart() {
      return session -> session;
    }

    @Override
    public Function1<Session, BoxedUnit> onExit() {
      return session -> BoxedUnit.UNIT;
    }
  }
}

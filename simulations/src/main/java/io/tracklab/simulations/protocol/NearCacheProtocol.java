package io.tracklab.simulations.protocol;

import io.gatling.core.CoreComponents;
import io.gatling.core.config.GatlingConfiguration;
import io.gatling.core.protocol.Protocol;
import io.gatling.core.protocol.ProtocolComponents;
import io.gatling.core.protocol.ProtocolKey;
import io.gatling.core.session.Session;
import io.tracklab.simulations.run.TracklabRun;
import scala.Function1;
import scala.runtime.BoxedUnit;

/**
 * The near-cache protocol: which tracklab run (topology, client, recorder) the actions of a
 * simulation talk to. Its components are created when Gatling builds the scenario, after the
 * simulation's {@code before()} started the run.
 */
public final class NearCacheProtocol implements Protocol {
  /** Gatling's handle on this protocol's components. */
  public static final ProtocolKey<NearCacheProtocol, Components> KEY = new ProtocolKey<>() {
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Protocol> protocolClass() {
      return (Class) NearCacheProtocol.class;
    }

    @Override
    public NearCacheProtocol defaultProtocolValue(GatlingConfiguration configuration) {
      return new NearCacheProtocol();
    }

    @Override
    public Function1<NearCacheProtocol, Components> newComponents(CoreComponents coreComponents) {
      return protocol -> new Components(TracklabRun.current(), coreComponents);
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

package io.tracklab.simulations.run;

import io.tracklab.harness.chaos.ChaosListener;
import io.tracklab.harness.chaos.ScheduledFault;
import io.tracklab.harness.chaos.ToxicFault;
import io.tracklab.harness.nearcache.FlushReason;
import io.tracklab.harness.nearcache.NearCacheListener;
import io.tracklab.harness.probe.RunRecorder;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;

/**
 * What the client under test and the fault schedule tell the probes: invalidations and flushes to
 * the invalidation-delay probe, new connection epochs to the failover probes as topology events,
 * and every moment the primary may have changed to the lost-write auditor (never on a standalone
 * topology, whose primary cannot change).
 */
final class ProbeListeners {
  private ProbeListeners() {}

  static NearCacheListener ofClient(RunRecorder recorder, LostWriteAuditor auditor, TopologyKind kind) {
    NearCacheListener delays = recorder.invalidationDelays();
    return new NearCacheListener() {
      @Override
      public void onInvalidation(long nanoTime, String key, boolean wasHeld) {
        delays.onInvalidation(nanoTime, key, wasHeld);
      }

      @Override
      public void onFlush(long nanoTime, FlushReason reason, long entriesDropped) {
        delays.onFlush(nanoTime, reason, entriesDropped);
      }

      @Override
      public void onEpochChange(long nanoTime, long epoch) {
        delays.onEpochChange(nanoTime, epoch);
        recorder.topologyEvent(nanoTime);
        if (kind != TopologyKind.STANDALONE) {
          auditor.primaryMayHaveChanged();
        }
      }

      @Override
      public void onHealthChange(long nanoTime, boolean healthy) {
        delays.onHealthChange(nanoTime, healthy);
      }
    };
  }

  /** A failover fault done (or healed): the primary may have changed, audit for lost writes. */
  static ChaosListener auditAfterFailovers(LostWriteAuditor auditor, TopologyKind kind) {
    if (kind == TopologyKind.STANDALONE) {
      return new ChaosListener() {};
    }
    return new ChaosListener() {
      @Override
      public void injected(ScheduledFault fault, String node, Duration offset) {
        if (!(fault.fault() instanceof ToxicFault)) {
          auditor.primaryMayHaveChanged();
        }
      }

      @Override
      public void healed(ScheduledFault fault, Duration offset) {
        injected(fault, null, offset);
      }
    };
  }
}

package io.tracklab.simulations.protocol;

import io.gatling.core.action.Action;
import io.gatling.core.session.Session;
import io.tracklab.harness.workload.StampedWriter;
import io.tracklab.harness.workload.VersionedValue;
import io.tracklab.simulations.run.TracklabRun;
import java.util.concurrent.CompletableFuture;

/**
 * Writes the next version of the workload's next key through the run's writer (another
 * application instance, not the client under test): a SET of a versioned value, or a DEL, which
 * takes a version too. Every write is recorded for the checker, acknowledgement stamped on the
 * I/O thread; a SET also returns what it replaced, which proves earlier writes lost when the
 * primary changed under them.
 */
final class CacheWriteAction extends OperationAction {
  private final boolean delete;

  CacheWriteAction(NearCacheProtocol.Components components, Action next, boolean delete) {
    super(components, next);
    this.delete = delete;
  }

  @Override
  public String name() {
    return delete ? "cacheDelete" : "cacheSet";
  }

  @Override
  void operate(Session session) {
    TracklabRun run = components.run();
    int key = run.nextWriteKey();
    String name = run.workload().key(key);
    String request = delete ? NearCacheDsl.DELETE : NearCacheDsl.SET;
    long startMillis = components.core().clock().nowMillis();
    long[] sent = new long[1];
    // the version and the sending in one step, in the key's version order, never across a
    // keyspace change (WriteFence)
    CompletableFuture<StampedWriter.Replaced> write = run.writes().send(key, () -> {
      if (delete) {
        sent[0] = run.recorder().deleteSending(key, System.nanoTime());
        return run.writer().delete(name).thenApply(ackNanos -> new StampedWriter.Replaced(ackNanos, null));
      }
      sent[0] = run.recorder().writeSending(key, System.nanoTime());
      return run.writer().setReturningPrevious(name,
          new VersionedValue(name, sent[0], 0).encode(run.workload().valueSize()), run.workload().expiry().ttlOf(key));
    });
    long version = sent[0];
    write.whenComplete((acknowledged, failure) -> {
      long endMillis = components.core().clock().nowMillis();
      if (failure != null) {
        run.recorder().writeFailed(key, version);
        components.records().log(session.scenario(), request, startMillis, endMillis, System.nanoTime(),
            String.valueOf(failure.getMessage()));
        continueFailed(session, next);
        return;
      }
      run.recorder().writeAcked(key, version, acknowledged.ackNanos(), null);
      if (!delete) {
        run.recorder().writeReplaced(key, version, acknowledged.previous());
      }
      components.records().log(session.scenario(), request, startMillis, endMillis, acknowledged.ackNanos(), null);
      next.$bang(session);
    });
  }
}

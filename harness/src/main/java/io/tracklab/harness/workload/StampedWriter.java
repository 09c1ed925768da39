package io.tracklab.harness.workload;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Writes whose acknowledgement time is taken where the reply is decoded. With Lettuce's async
 * API, a callback attached after the command is sent runs on the caller's thread whenever the
 * reply came first, stamping the acknowledgement late by however long that thread was away;
 * here the stamp is attached before the command is dispatched, so it always runs on the I/O
 * thread (DESIGN.md section 4: {@code ack(k, v)} is when the write's reply arrived).
 */
public final class StampedWriter {
  private final Supplier<? extends StatefulConnection<String, String>> connection;

  public StampedWriter(StatefulConnection<String, String> connection) {
    this(() -> connection);
  }

  /**
   * Writes to whatever connection {@code connection} returns at each write: for writers that
   * follow a primary which moves (a Sentinel failover), by swapping the connection.
   */
  public StampedWriter(Supplier<? extends StatefulConnection<String, String>> connection) {
    this.connection = connection;
  }

  /** SET {@code key value}; completes with the {@link System#nanoTime()} of its reply. */
  public CompletableFuture<Long> set(String key, String value) {
    AsyncCommand<String, String, String> set = new AsyncCommand<>(new Command<>(CommandType.SET,
        new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).addKey(key).addValue(value)));
    CompletableFuture<Long> acknowledged = set.thenApply(ok -> System.nanoTime());
    connection.get().dispatch(set);
    return acknowledged;
  }
}

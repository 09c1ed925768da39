package io.tracklab.harness.workload;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandKeyword;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
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

  /** When a write's reply arrived, and what it replaced. */
  public record Replaced(long ackNanos, String previous) {}

  /**
   * {@code SET key value GET} (Redis 6.2+): completes with the {@link System#nanoTime()} of its
   * reply and the value it replaced (null: none), which tells whether an earlier acknowledged
   * write of the key never reached this primary.
   */
  public CompletableFuture<Replaced> setReturningPrevious(String key, String value) {
    return setReturningPrevious(key, value, null);
  }

  /** {@link #setReturningPrevious(String, String)} with {@code PX ttl} (null: no expiry). */
  public CompletableFuture<Replaced> setReturningPrevious(String key, String value, Duration ttl) {
    CommandArgs<String, String> args = expiring(new CommandArgs<>(StringCodec.UTF8).addKey(key).addValue(value), ttl)
        .add(CommandType.GET);
    AsyncCommand<String, String, String> set = new AsyncCommand<>(new Command<>(CommandType.SET,
        new ValueOutput<>(StringCodec.UTF8), args));
    CompletableFuture<Replaced> acknowledged = set.thenApply(previous -> new Replaced(System.nanoTime(), previous));
    connection.get().dispatch(set);
    return acknowledged;
  }

  /** DEL {@code key}; completes with the {@link System#nanoTime()} of its reply. */
  public CompletableFuture<Long> delete(String key) {
    AsyncCommand<String, String, Long> del = new AsyncCommand<>(new Command<>(CommandType.DEL,
        new IntegerOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).addKey(key)));
    return dispatchStamped(del);
  }

  private <T> CompletableFuture<Long> dispatchStamped(AsyncCommand<String, String, T> command) {
    CompletableFuture<Long> acknowledged = command.thenApply(reply -> System.nanoTime());
    connection.get().dispatch(command);
    return acknowledged;
  }

  /** SET {@code key value}; completes with the {@link System#nanoTime()} of its reply. */
  public CompletableFuture<Long> set(String key, String value) {
    return set(key, value, null);
  }

  /** SET {@code key value PX ttl} (null: no expiry); completes with the {@link System#nanoTime()} of its reply. */
  public CompletableFuture<Long> set(String key, String value, Duration ttl) {
    AsyncCommand<String, String, String> set = new AsyncCommand<>(new Command<>(CommandType.SET,
        new StatusOutput<>(StringCodec.UTF8),
        expiring(new CommandArgs<>(StringCodec.UTF8).addKey(key).addValue(value), ttl)));
    return dispatchStamped(set);
  }

  private static CommandArgs<String, String> expiring(CommandArgs<String, String> args, Duration ttl) {
    return ttl == null ? args : args.add(CommandKeyword.PX).add(ttl.toMillis());
  }
}

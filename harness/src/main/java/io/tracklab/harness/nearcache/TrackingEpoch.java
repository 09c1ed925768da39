package io.tracklab.harness.nearcache;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One life of the tracking connection: from the moment {@code CLIENT TRACKING} was acknowledged
 * on it until it is lost. Entries are served only while their epoch is the current one and is
 * healthy.
 *
 * <p>Health: {@code healthyUntilNanos} is the send time of the last heartbeat (or of the
 * tracking command) that was answered, plus the deadline. A reply proves every invalidation Redis
 * queued before it read the PING has arrived (one connection delivers in order), so an entry
 * served before that instant is at most {@code deadline} old in Redis' eyes.
 */
final class TrackingEpoch {
  final long number;
  final StatefulRedisConnection<String, ?> connection;
  /** The node reached, as it names itself (host:port). */
  final String node;
  /** The address dialed (host:port): for a Sentinel URI, the primary a Sentinel named at connect time. */
  final String dialed;
  private final long deadlineNanos;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean unhealthy = new AtomicBoolean();
  private volatile long healthyUntilNanos;
  private final boolean optin;
  private final ReentrantLock sendLock = new ReentrantLock();

  TrackingEpoch(long number, StatefulRedisConnection<String, ?> connection, String node, String dialed,
      boolean optin, long deadlineNanos, long provenAtNanos) {
    this.number = number;
    this.connection = connection;
    this.node = node;
    this.dialed = dialed;
    this.optin = optin;
    this.deadlineNanos = deadlineNanos;
    this.healthyUntilNanos = provenAtNanos + deadlineNanos;
  }

  /**
   * Issues a command on this epoch's connection. Some commands only affect the one right after
   * them on the same connection: {@code CLIENT CACHING YES} (OPTIN) and {@code ASKING} (Cluster
   * during a slot migration). So every command is issued under one lock, and such a pair is
   * issued together: Lettuce writes commands in issue order, so nothing (another read, a
   * heartbeat) lands between them. The lock is held only while handing commands to Netty, and
   * never on the hit path.
   *
   * @param cachedRead the read's reply will be cached (OPTIN: mark it with CLIENT CACHING YES)
   * @param asking precede it with ASKING (the slot is being imported by this node)
   */
  @SuppressWarnings("unchecked")
  <V, T> CompletionStage<T> send(Function<RedisAsyncCommands<String, V>, ? extends CompletionStage<T>> command, boolean cachedRead,
      boolean asking) {
    RedisAsyncCommands<String, V> commands = (RedisAsyncCommands<String, V>) connection.async();
    sendLock.lock();
    try {
      if (asking) {
        commands.asking();
      }
      if (cachedRead && optin) {
        commands.clientCaching(true);
      }
      return notConnectedIfLost(command.apply(commands));
    } finally {
      sendLock.unlock();
    }
  }

  /**
   * A command refused or failed because this epoch's connection just went (Lettuce rejects
   * commands on a disconnected connection before the disconnect has ended the epoch) is the
   * documented {@link NotConnectedException}, as a read after the epoch ended is. Completes on
   * the thread that completes {@code reply}, so the order of replies and pushes is kept.
   */
  private <T> CompletionStage<T> notConnectedIfLost(CompletionStage<T> reply) {
    CompletableFuture<T> result = new CompletableFuture<>();
    reply.whenComplete((value, failure) -> {
      if (failure == null) {
        result.complete(value);
      } else if (ended.get() || !connection.isOpen() || isConnectionLoss(failure)) {
        result.completeExceptionally(new NotConnectedException("connection lost (reconnecting): "
            + failure.getMessage(), failure));
      } else {
        result.completeExceptionally(failure);
      }
    });
    return result;
  }

  /**
   * Whether a command failed because its connection went: Lettuce rejects commands on a channel
   * that became inactive ("Currently not connected") and fails those in flight when it closes
   * ("Connection closed", a closed channel, a reset), before its listener has told the epoch.
   */
  static boolean isConnectionLoss(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.nio.channels.ClosedChannelException || cause instanceof java.io.IOException
          || cause instanceof io.lettuce.core.RedisConnectionException) {
        return true;
      }
      String message = cause.getMessage();
      if (cause instanceof io.lettuce.core.RedisException && message != null
          && (message.startsWith("Currently not connected") || message.startsWith("Connection closed"))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** Whether entries of this epoch may be served at {@code nowNanos}. */
  boolean healthyAt(long nowNanos) {
    return nowNanos - healthyUntilNanos < 0 && !ended.get();
  }

  /** A heartbeat sent at {@code sentAtNanos} was answered; true when this ends an unhealthy spell. */
  boolean proven(long sentAtNanos) {
    long until = sentAtNanos + deadlineNanos;
    if (until - healthyUntilNanos > 0) {
      healthyUntilNanos = until;
    }
    return unhealthy.compareAndSet(true, false);
  }

  /** The deadline passed; true for the first caller that noticed (who then flushes). */
  boolean markUnhealthy() {
    return unhealthy.compareAndSet(false, true);
  }

  boolean isUnhealthy() {
    return unhealthy.get();
  }

  /** The connection is gone; true for the first caller. */
  boolean end() {
    return ended.compareAndSet(false, true);
  }

  boolean hasEnded() {
    return ended.get();
  }
}

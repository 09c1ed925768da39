package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The health clock of an epoch, with made-up times: hits are allowed until proof + deadline. */
class TrackingEpochTest {
  private static final long DEADLINE = 200;

  private final TrackingEpoch epoch = new TrackingEpoch(1, null, "node", "node", false, DEADLINE, 1_000);

  @Test
  void healthy_untilTheProofTimePlusTheDeadline() {
    assertThat(epoch.healthyAt(1_000)).isTrue();
    assertThat(epoch.healthyAt(1_199)).isTrue();
    assertThat(epoch.healthyAt(1_200)).isFalse();
  }

  @Test
  void anAnsweredHeartbeat_extendsFromItsSendTime_neverBackwards() {
    epoch.proven(1_100);
    assertThat(epoch.healthyAt(1_299)).isTrue();
    epoch.proven(1_050); // a late answer to an older heartbeat
    assertThat(epoch.healthyAt(1_299)).isTrue();
    assertThat(epoch.healthyAt(1_300)).isFalse();
  }

  @Test
  void unhealthy_isReportedOnce_andEndsWithTheNextProof() {
    assertThat(epoch.markUnhealthy()).isTrue();
    assertThat(epoch.markUnhealthy()).isFalse();
    assertThat(epoch.proven(1_500)).isTrue();
    assertThat(epoch.proven(1_600)).isFalse();
    assertThat(epoch.healthyAt(1_650)).isTrue();
  }

  @Test
  void anEndedEpoch_isNeverHealthy() {
    assertThat(epoch.end()).isTrue();
    assertThat(epoch.end()).isFalse();
    assertThat(epoch.healthyAt(1_001)).isFalse();
  }

  @Test
  void connectionLoss_isLettucesRejectionOrAClosedChannel_notARedisError() {
    assertThat(TrackingEpoch.isConnectionLoss(
        new io.lettuce.core.RedisException("Currently not connected. Commands are rejected."))).isTrue();
    assertThat(TrackingEpoch.isConnectionLoss(new java.util.concurrent.CompletionException(
        new io.lettuce.core.RedisException("Connection closed")))).isTrue();
    assertThat(TrackingEpoch.isConnectionLoss(new java.nio.channels.ClosedChannelException())).isTrue();
    assertThat(TrackingEpoch.isConnectionLoss(
        new io.lettuce.core.RedisCommandExecutionException("MOVED 12182 127.0.0.1:7001"))).isFalse();
    assertThat(TrackingEpoch.isConnectionLoss(
        new io.lettuce.core.RedisCommandExecutionException("NOPERM this user has no permissions"))).isFalse();
  }
}

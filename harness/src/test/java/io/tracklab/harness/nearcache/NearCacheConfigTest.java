package io.tracklab.harness.nearcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearCacheConfigTest {
  @Test
  void defaults_areTheDocumentedConstants() {
    NearCacheConfig config = NearCacheConfig.builder().build();
    assertThat(config.mode()).isEqualTo(NearCacheConfig.DEFAULT_MODE);
    assertThat(config.maxEntries()).isEqualTo(NearCacheConfig.DEFAULT_MAX_ENTRIES);
    assertThat(config.heartbeatDeadline()).isEqualTo(NearCacheConfig.DEFAULT_HEARTBEAT_DEADLINE);
    assertThat(config.readFrom()).isEqualTo(ReadFrom.PRIMARY);
    assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(NearCacheConfig.DEFAULT_COMMAND_TIMEOUT);
    assertThat(config.mutate().build()).isEqualTo(config);
  }

  /** Every field away from its default, so a field mutate() forgot shows (Lettuce's once did). */
  @Test
  void mutate_keepsEveryField() {
    NearCacheConfig config = NearCacheConfig.builder().broadcast("a:", "b:").noLoop(true).maxEntries(7)
        .maxEntryAge(Duration.ofSeconds(9)).heartbeatInterval(Duration.ofMillis(20))
        .heartbeatDeadline(Duration.ofMillis(90)).ssl(io.lettuce.core.SslOptions.create())
        .commandTimeout(Duration.ofMillis(1234)).build();
    assertThat(config.mutate().build()).isEqualTo(config);
  }

  @Test
  void badValues_areNamedWithTheField() {
    assertThatThrownBy(() -> NearCacheConfig.builder().maxEntries(0).build())
        .hasMessage("maxEntries must be at least 1, got 0");
    assertThatThrownBy(() -> NearCacheConfig.builder().maxEntryAge(Duration.ZERO).build())
        .hasMessage("maxEntryAge must be positive, got PT0S");
    assertThatThrownBy(() -> NearCacheConfig.builder().heartbeatInterval(Duration.ofMillis(-1)).build())
        .hasMessage("heartbeatInterval must be positive, got PT-0.001S");
    assertThatThrownBy(() -> NearCacheConfig.builder()
            .heartbeatInterval(Duration.ofMillis(500)).heartbeatDeadline(Duration.ofMillis(500)).build())
        .hasMessageStartingWith("heartbeatDeadline (PT0.5S) must be longer than heartbeatInterval (PT0.5S)");
    assertThatThrownBy(() -> NearCacheConfig.builder().commandTimeout(Duration.ZERO).build())
        .hasMessage("commandTimeout must be positive, got PT0S");
    assertThatThrownBy(() -> NearCacheConfig.builder().prefixes(List.of("user:")).build())
        .hasMessage("prefixes [user:] only apply to BCAST mode, not DEFAULT");
  }

  @Test
  void broadcast_tracksOnlyKeysUnderItsPrefixes_otherModesEveryKey() {
    NearCacheConfig broadcast = NearCacheConfig.builder().broadcast("user:", "session:").build();
    assertThat(broadcast.tracks("user:1")).isTrue();
    assertThat(broadcast.tracks("session:x")).isTrue();
    assertThat(broadcast.tracks("order:1")).isFalse();
    assertThat(NearCacheConfig.builder().broadcast().build().tracks("anything")).isTrue();
    assertThat(NearCacheConfig.builder().mode(TrackingMode.OPTIN).build().tracks("anything")).isTrue();
  }
}

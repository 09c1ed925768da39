package io.tracklab.simulations.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.harness.nearcache.TrackingMode;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.simulations.settings.OperationMix;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.topologies.TopologyKind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientUnderTestTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static RunSettings client(String name) {
    return new RunSettings(TopologyKind.STANDALONE, name, Duration.ofSeconds(30), 8, 3000, 100,
        new KeyDistribution.Zipf(0.99), 0.9, 64, Duration.ofSeconds(5), Duration.ofSeconds(90), OperationMix.GETS_AND_SETS);
  }

  @Test
  void tracklabsClients_areItsNearCacheInTheirTrackingModes() {
    assertThat(ClientUnderTest.nearCache(client("tracklab"), "key:", TIMEOUT).mode()).isEqualTo(TrackingMode.DEFAULT);
    var bcast = ClientUnderTest.nearCache(client("tracklab-bcast"), "key:", TIMEOUT);
    assertThat(bcast.mode()).isEqualTo(TrackingMode.BCAST);
    assertThat(bcast.prefixes()).isEqualTo(List.of("key:"));
    var optin = ClientUnderTest.nearCache(client("tracklab-optin"), "key:", TIMEOUT);
    assertThat(optin.mode()).isEqualTo(TrackingMode.OPTIN);
    assertThat(optin.commandTimeout()).isEqualTo(TIMEOUT);
    assertThat(optin.maxEntryAge()).as("the settings' cap").isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void everyNamedClient_hasAnAdapter() {
    for (String name : RunSettings.CLIENTS) {
      assertThat(ClientUnderTest.factory(client(name), "key:", TIMEOUT)).as(name).isNotNull();
    }
  }

  @Test
  void aClientWithoutAnAdapter_isRefused() {
    assertThatThrownBy(() -> ClientUnderTest.factory(client("memcached"), "key:", TIMEOUT))
        .hasMessageContaining("no adapter for client memcached");
  }
}

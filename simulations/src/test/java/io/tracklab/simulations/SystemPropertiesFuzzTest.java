package io.tracklab.simulations;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.harness.chaos.FaultSchedule;
import io.tracklab.simulations.settings.GateSettings;
import io.tracklab.simulations.settings.RunSettings;
import io.tracklab.simulations.settings.SecuritySettings;
import io.tracklab.testsupport.fuzz.Fuzz;
import io.tracklab.testsupport.fuzz.Gen;
import io.tracklab.testsupport.fuzz.Gens;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generated bad system properties ({@code -Dusers=...}): reading them ends in settings or in an
 * {@link IllegalArgumentException} that names the property — the message a simulation stops with
 * before any topology starts — never another exception.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemPropertiesFuzzTest {
  private static final String[] RUN = {"topology", "client", "duration", "users", "rate", "keys", "distribution",
      "readRatio", "valueSize", "clientTtl", "maxEntryAge", "mgetRatio", "mgetSize", "deleteRatio"};
  private static final String[] GATES = {"gate.failedPercent", "gate.remoteP99", "staleBound", "gate.invalidationP99",
      "gate.hitRatio"};

  private static final Gen<String> VALUES = Gens.oneOf(
      Gens.strings("abcsmzipfhotun019-.:_ %", 0, 16),
      Gens.of("", " ", "-1", "0", "1e309", "NaN", "Infinity", "-0", "2147483648", "99999999999999999999",
          "1.5", "10s", "-5s", "0ms", "1000000000d", ":", "::", "zipf:", "zipf:-1", "hotset:0", "hotset:0.1:2",
          "sequential", "SENTINEL", "Cluster", "ttl", "redisson", "ü", "acl", "password", "true", "false", "env:",
          "file:", "env:PATH", "env:TRACKLAB_SURELY_UNSET", "file:/nonexistent", "hunter2-literal"));

  @Test
  void aBadRunProperty_stopsWithAMessageNamingIt() {
    Fuzz.forAll(500, VALUES, value -> {
      for (String name : RUN) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        try {
          RunSettings settings = RunSettings.from(properties, ReadHeavySimulation.DEFAULTS);
          assertThat(settings.users()).isPositive();
        } catch (IllegalArgumentException bad) {
          assertThat(bad.getMessage()).as("-D%s=%s", name, value).contains("-D" + name);
        }
      }
    });
  }

  @Test
  void aBadGateProperty_stopsWithAMessageNamingIt() {
    GateSettings defaults = ReadHeavySimulation.GATES;
    Fuzz.forAll(300, VALUES, value -> {
      for (String name : GATES) {
        Properties properties = new Properties();
        properties.setProperty(name, value);
        try {
          assertThat(GateSettings.from(properties, defaults)).isNotNull();
        } catch (IllegalArgumentException bad) {
          assertThat(bad.getMessage()).as("-D%s=%s", name, value).contains("-D" + name);
        }
      }
    });
  }

  @Test
  void aBadSecurityProperty_stopsWithAMessageNamingIt_neverAPassword() {
    Fuzz.forAll(300, VALUES, value -> {
      for (String name : new String[] {SecuritySettings.AUTH, SecuritySettings.TLS, SecuritySettings.ADMIN_PASSWORD,
          SecuritySettings.CLIENT_PASSWORD}) {
        for (String auth : new String[] {"none", "acl"}) {
          Properties properties = new Properties();
          properties.setProperty(SecuritySettings.AUTH, auth);
          properties.setProperty(name, value);
          try {
            assertThat(SecuritySettings.from(properties)).isNotNull();
          } catch (IllegalArgumentException bad) {
            assertThat(bad.getMessage()).as("-D%s=%s", name, value).contains("-D" + name.replace(".adminPassword", "")
                .replace(".clientPassword", ""));
            // a literal that could be a password (a digit in it: not a word of the message itself)
            if (name.endsWith("Password") && value.trim().length() >= 6 && value.matches(".*\\d.*")
                && !value.trim().startsWith("env:") && !value.trim().startsWith("file:")) {
              assertThat(bad.getMessage()).as("-D%s=%s", name, value).doesNotContain(value.trim());
            }
          }
        }
      }
    });
  }

  @Test
  void aBadFaultsProperty_stopsWithAMessageNamingIt() {
    Fuzz.forAll(300, Gens.pairs(VALUES, VALUES), whenAndWhat -> {
      String text = "at " + whenAndWhat.first() + ": " + whenAndWhat.second();
      try {
        assertThat(FaultSchedule.parse("-Dfaults", text)).isNotNull();
      } catch (IllegalArgumentException bad) {
        assertThat(bad.getMessage()).as(text).contains("-Dfaults");
      }
    });
  }
}

package io.tracklab.topologies.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.TopologyException;
import java.io.IOException;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The choices made before Docker is asked anything: images, preconditions, owners. */
class ContainerSettingsTest {

  @AfterEach
  void clearProperties() {
    System.clearProperty(ContainerImages.REDIS_PROPERTY);
    System.clearProperty(ContainerImages.TOXIPROXY_PROPERTY);
  }

  @Test
  void images_builtHereWhenPresent_elseTheRegistrys() {
    ContainerImages built = ContainerImages.choose(Set.of(ContainerImages.BUILT_REDIS,
        ContainerImages.builtToxiproxy())::contains);
    assertThat(built.redis()).isEqualTo("tracklab/redis:7.0.15");
    assertThat(built.toxiproxy()).startsWith("tracklab/toxiproxy:").doesNotContain("${");

    ContainerImages registry = ContainerImages.choose(image -> false);
    assertThat(registry).isEqualTo(new ContainerImages("redis:7.0.15", "ghcr.io/shopify/toxiproxy:2.12.0"));
  }

  @Test
  void images_namedByTheUser_winOverWhatIsPresent() {
    System.setProperty(ContainerImages.REDIS_PROPERTY, " my/redis:7 ");
    System.setProperty(ContainerImages.TOXIPROXY_PROPERTY, "ghcr.io/shopify/toxiproxy:2.9.0");
    assertThat(ContainerImages.choose(image -> true))
        .isEqualTo(new ContainerImages("my/redis:7", "ghcr.io/shopify/toxiproxy:2.9.0"));
  }

  @Test
  void images_anEmptyName_isRefusedNamingTheProperty() {
    System.setProperty(ContainerImages.REDIS_PROPERTY, "  ");
    assertThatThrownBy(() -> ContainerImages.choose(image -> true)).isInstanceOf(TopologyException.class)
        .hasMessageStartingWith("-Dtracklab.redis.image is empty");
  }

  @Test
  void onlyTracklabsOwnImages_areNeverPulled() {
    assertThat(ContainerImages.builtHere("tracklab/redis:7.0.15")).isTrue();
    assertThat(ContainerImages.builtHere("redis:7.0.15")).isFalse();
    assertThat(ContainerImages.builtHere("ghcr.io/shopify/toxiproxy:2.12.0")).isFalse();
  }

  @Test
  void preconditions_inAContainerWithoutAHostOverride_nameTheVariableToSet() {
    assertThat(HostNetwork.unusableBecause("Linux", true, null, null))
        .contains("/.dockerenv").contains("TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1");
    assertThat(HostNetwork.unusableBecause("Linux", true, "127.0.0.1", null)).isEmpty();
    assertThat(HostNetwork.unusableBecause("Linux", false, null, "unix:///var/run/docker.sock")).isEmpty();
  }

  @Test
  void preconditions_refuseAnotherMachineOrAnotherOs() {
    assertThat(HostNetwork.unusableBecause("Linux", false, null, "tcp://10.0.0.5:2375")).contains("another machine");
    assertThat(HostNetwork.unusableBecause("Linux", false, null, "tcp://127.0.0.1:2375")).isEmpty();
    assertThat(HostNetwork.unusableBecause("Mac OS X", false, null, null)).contains("needs Linux");
  }

  @Test
  void owner_thisProcessIsAlive_aFinishedOneIsGone_aForeignLabelIsLeftAlone() throws IOException, InterruptedException {
    assertThat(ContainerOwner.ownerIsGone(ContainerOwner.self())).isFalse();

    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    assertThat(ContainerOwner.ownerIsGone(finished.pid() + "@0")).isTrue();

    long myPid = ProcessHandle.current().pid();
    assertThat(ContainerOwner.ownerIsGone(myPid + "@1")).as("same pid, another start: reused").isTrue();
    assertThat(ContainerOwner.ownerIsGone("someone-else")).isFalse();
  }
}

package io.tracklab.topologies.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.TopologyException;
import org.junit.jupiter.api.Test;

class ProvisionersTest {
  private static final String NO_DOCKER = "no Docker engine is available";

  @Test
  void auto_choosesContainersWhereTheyRun_elseLocalProcesses() {
    assertThat(Provisioners.byName("auto", () -> "").name()).isEqualTo("containers");
    assertThat(Provisioners.byName("auto", () -> NO_DOCKER).name()).isEqualTo("local");
  }

  @Test
  void local_isLocal_whateverDockerDoes() {
    assertThat(Provisioners.byName("LOCAL", () -> "").name()).isEqualTo("local");
  }

  @Test
  void containers_withoutDocker_saysWhyAndWhatToUseInstead() {
    assertThatThrownBy(() -> Provisioners.byName("containers", () -> NO_DOCKER))
        .isInstanceOf(TopologyException.class)
        .hasMessage("tracklab.provisioner=containers, but no Docker engine is available; "
            + "use tracklab.provisioner=local (real redis-server processes, no Docker)");
  }

  @Test
  void external_withoutAFile_saysWhichPropertyToSet() {
    System.clearProperty("tracklab.topology.file");
    assertThatThrownBy(() -> Provisioners.byName("external", () -> ""))
        .isInstanceOf(TopologyException.class)
        .hasMessage("tracklab.provisioner=external needs -Dtracklab.topology.file=<YAML file describing the "
            + "endpoints> (see docs/external-topology.md)");
  }

  @Test
  void unknownName_isNamedWithTheChoices() {
    assertThatThrownBy(() -> Provisioners.byName("kubernetes", () -> ""))
        .isInstanceOf(TopologyException.class)
        .hasMessage("unknown provisioner 'kubernetes' in -Dtracklab.provisioner: expected auto, local, containers or external");
  }
}

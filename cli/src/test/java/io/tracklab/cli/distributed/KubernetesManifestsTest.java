package io.tracklab.cli.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesManifestsTest {
  private final KubernetesManifests manifests = new KubernetesManifests("read-heavy-baseline-20261207-120000", "load",
      "tracklab/tracklab:0.1.0", 3, "10.1.2.3", 7070);

  @Test
  void theInjectors_areOneIndexedJob_ofNPodsAtOnce_neverRetried() {
    Job job = manifests.job();

    assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getSpec().getCompletions()).isEqualTo(3);
    assertThat(job.getSpec().getParallelism()).isEqualTo(3);
    assertThat(job.getSpec().getBackoffLimit()).as("a lost injector fails the run; it is not replaced").isZero();
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    Container injector = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(injector.getImage()).isEqualTo("tracklab/tracklab:0.1.0");
    assertThat(injector.getImagePullPolicy()).isEqualTo("IfNotPresent");
    // no --name: each pod takes injector-<JOB_COMPLETION_INDEX + 1>
    assertThat(injector.getArgs()).containsExactly("injector", "--controller",
        "http://tracklab-read-heavy-baseline-20261207-120000-controller:7070", "--results", "/tmp/tracklab-results");
    // the injectors' JVM options, as every engine gives them (the JVM reads JAVA_TOOL_OPTIONS itself)
    assertThat(injector.getEnv()).singleElement().satisfies(variable -> {
      assertThat(variable.getName()).isEqualTo("JAVA_TOOL_OPTIONS");
      assertThat(variable.getValue()).isEqualTo(InjectorJvmOptions.text(System.getenv()));
    });
  }

  @Test
  void theController_isAServiceWithoutSelector_whoseEndpointIsItsAddress() {
    assertThat(manifests.service().getSpec().getSelector()).isNullOrEmpty();
    assertThat(manifests.service().getSpec().getPorts().get(0).getPort()).isEqualTo(7070);
    assertThat(manifests.endpoints().getMetadata().getLabels())
        .containsEntry("kubernetes.io/service-name", manifests.serviceName());
    assertThat(manifests.endpoints().getEndpoints().get(0).getAddresses()).containsExactly("10.1.2.3");
    assertThat(manifests.endpoints().getPorts().get(0).getPort()).isEqualTo(7070);
  }

  @Test
  void everyObject_isInTheNamespace_andLabelledWithTheRun_soOneSelectorFindsThemAll() {
    for (HasMetadata object : manifests.all()) {
      assertThat(object.getMetadata().getNamespace()).isEqualTo("load");
      assertThat(object.getMetadata().getLabels()).containsEntry(KubernetesManifests.RUN_LABEL, manifests.jobName());
    }
  }

  @Test
  void namesAreValidKubernetesNames_evenFromALongRunId() {
    KubernetesManifests longOne = new KubernetesManifests("A_Very_Long_Experiment_Name_With_Capitals-20261207-120000-2",
        "default", "i", 1, "10.0.0.1", 1);
    assertThat(longOne.jobName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(48);
    assertThat(longOne.serviceName()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63);
  }

  @Test
  void theYaml_readsBackAsTheSameObjects() {
    List<HasMetadata> read = new KubernetesSerialization().unmarshal(
        new java.io.ByteArrayInputStream(manifests.yaml().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(read).extracting(HasMetadata::getKind).containsExactly("Service", "EndpointSlice", "Job");
    assertThat(read.get(2)).isEqualTo(manifests.job());
  }

  @Test
  void aControllerAddressThatIsNotIPv4_isRefused() {
    assertThatThrownBy(() -> new KubernetesManifests("r", "default", "i", 1, "controller.local", 7070))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IPv4");
  }
}

package io.tracklab.cli.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The kubernetes engine against the cluster {@code KUBECONFIG} names: creates a run's Job,
 * Service and EndpointSlice, and deletes every one of them at close. Skipped where no
 * kubeconfig names a cluster (as on the machines this project is built on; docs/distributed.md
 * says what ran where). The injector pods need not start (the image may not be in that cluster):
 * what is checked is what the engine creates and that it leaves nothing.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KubernetesEngineIT {
  @BeforeEach
  void requireACluster() {
    String kubeconfig = System.getenv("KUBECONFIG");
    Assumptions.assumeTrue(kubeconfig != null && Files.isRegularFile(Path.of(kubeconfig.split(":")[0])),
        "no cluster: KUBECONFIG names no kubeconfig file here");
  }

  @Test
  void aRunsObjects_areCreatedInTheCluster_andAllDeletedAtClose() {
    KubernetesManifests manifests = new KubernetesManifests("kubernetes-engine-it-" + System.currentTimeMillis(),
        System.getenv().getOrDefault("TRACKLAB_K8S_NAMESPACE", "default"), "tracklab/tracklab:it", 2, "10.255.255.1",
        7070);
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      try (KubernetesEngine engine = new KubernetesEngine(manifests)) {
        engine.launchAll(List.of("injector-1", "injector-2"), URI.create("http://127.0.0.1:7070"));
        assertThat(client.batch().v1().jobs().inNamespace(manifests.namespace()).withName(manifests.jobName()).get())
            .as("the Job").isNotNull();
        assertThat(client.services().inNamespace(manifests.namespace()).withName(manifests.serviceName()).get())
            .as("the Service").isNotNull();
        assertThat(engine.ended("injector-1")).as("a pod that has not ended (or not started)").isEmpty();
      }
      // foreground deletion: the Job goes once its pods have
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).untilAsserted(() -> {
        assertThat(client.batch().v1().jobs().inNamespace(manifests.namespace())
            .withLabel(KubernetesManifests.RUN_LABEL, manifests.jobName()).list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace(manifests.namespace())
            .withLabel("job-name", manifests.jobName()).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(manifests.namespace())
            .withLabel(KubernetesManifests.RUN_LABEL, manifests.jobName()).list().getItems()).isEmpty();
      });
    }
  }
}

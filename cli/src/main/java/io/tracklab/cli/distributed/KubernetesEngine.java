package io.tracklab.cli.distributed;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The {@code kubernetes} engine: the run's injectors as one Indexed Job, the controller behind a
 * Service ({@link KubernetesManifests}), through the fabric8 client and whatever cluster the
 * kubeconfig names. Kubernetes places and supervises the pods; the controller creates the
 * objects, reads the pods' states and deletes everything at the end (pods with their Job).
 */
public final class KubernetesEngine implements InjectorEngine {
  private final KubernetesClient client;
  private final KubernetesManifests manifests;
  private boolean created;
  private final StopAtExit deleteAtExit;

  /** @param manifests what to create, in which namespace (the kubeconfig's cluster and credentials) */
  public KubernetesEngine(KubernetesManifests manifests) {
    this.manifests = manifests;
    this.client = new KubernetesClientBuilder().build();
    this.deleteAtExit = new StopAtExit("tracklab-kubernetes-injectors-delete", this::deleteAll);
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  /** All injectors at once: one Indexed Job runs them (the pods find the controller through the Service). */
  @Override
  public synchronized void launchAll(List<String> injectors, URI controller) {
    if (injectors.size() != manifests.job().getSpec().getCompletions()) {
      throw new IllegalArgumentException(injectors.size() + " injectors, but the Job has "
          + manifests.job().getSpec().getCompletions() + " completions");
    }
    created = true;
    for (HasMetadata object : manifests.all()) {
      client.resource(object).inNamespace(manifests.namespace()).create();
    }
  }

  @Override
  public void launch(String injector, URI controller) {
    throw new UnsupportedOperationException("the kubernetes engine starts every injector at once (launchAll)");
  }

  @Override
  public synchronized Optional<String> ended(String injector) {
    int index = Integer.parseInt(injector.substring(injector.lastIndexOf('-') + 1)) - 1;
    List<Pod> pods;
    try {
      pods = client.pods().inNamespace(manifests.namespace())
          .withLabel("job-name", manifests.jobName())
          .withLabel("batch.kubernetes.io/job-completion-index", String.valueOf(index)).list().getItems();
    } catch (KubernetesClientException e) {
      return Optional.empty(); // the API server not answering is not an injector's end; the beats decide
    }
    for (Pod pod : pods) {
      String phase = pod.getStatus() == null ? "" : pod.getStatus().getPhase();
      if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
        return Optional.of("its pod " + pod.getMetadata().getName() + " is " + phase + terminated(pod) + lastLines(pod));
      }
    }
    return Optional.empty();
  }

  private static String terminated(Pod pod) {
    for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
      ContainerStateTerminated end = status.getState() == null ? null : status.getState().getTerminated();
      if (end != null) {
        return " (exit code " + end.getExitCode() + (end.getReason() == null ? "" : ", " + end.getReason()) + ")";
      }
    }
    return "";
  }

  private String lastLines(Pod pod) {
    try {
      String log = client.pods().inNamespace(manifests.namespace()).withName(pod.getMetadata().getName())
          .inContainer(KubernetesManifests.CONTAINER).tailingLines(5).getLog();
      return log == null || log.isBlank() ? "" : "; its last lines (kubectl logs " + pod.getMetadata().getName() + "):\n      "
          + String.join("\n      ", log.strip().lines().toList());
    } catch (KubernetesClientException e) {
      return "";
    }
  }

  @Override
  public void close() {
    deleteAll();
    deleteAtExit.cancel();
    client.close();
  }

  private synchronized void deleteAll() {
    if (!created) {
      return;
    }
    for (HasMetadata object : manifests.all()) {
      try {
        // the Job's pods go with it (foreground: the call returns once the cluster took it)
        client.resource(object).inNamespace(manifests.namespace())
            .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
      } catch (KubernetesClientException e) {
        System.err.println("tracklab: could not delete " + object.getKind() + " " + object.getMetadata().getName()
            + " (delete it by hand: kubectl delete " + object.getKind().toLowerCase() + " -l "
            + KubernetesManifests.RUN_LABEL + "=" + manifests.jobName() + "): " + e.getMessage());
      }
    }
    created = false;
  }
}

package io.tracklab.cli.distributed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the {@code kubernetes} engine creates for one distributed run, as objects (tested here
 * without a cluster, printed by {@code --dry-run}):
 *
 * <ul>
 *   <li>an <b>Indexed Job</b> of N completions run N at a time, one pod per injector, never
 *       retried ({@code backoffLimit: 0}: a lost injector fails the run, it is not replaced
 *       mid-run); each pod learns its index from {@code JOB_COMPLETION_INDEX} and calls itself
 *       {@code injector-<index + 1>};
 *   <li>a <b>Service</b> without a selector and its <b>EndpointSlice</b>, naming the controller's
 *       address: the pods reach the controller at {@code http://<service>:<port>} wherever it runs.
 * </ul>
 */
public final class KubernetesManifests {
  /** The label every object of a run carries, with the run's name as value. */
  public static final String RUN_LABEL = "tracklab.io/run";
  static final String CONTAINER = "injector";

  private final String name;
  private final String namespace;
  private final String image;
  private final int injectors;
  private final String controllerAddress;
  private final int controllerPort;

  /**
   * @param runId the controller's run id (object names are made from it)
   * @param controllerAddress the IPv4 address the pods reach the controller at
   */
  public KubernetesManifests(String runId, String namespace, String image, int injectors, String controllerAddress,
      int controllerPort) {
    String cleaned = runId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    // a Job's name ends up in its pods' labels: at most 63 characters with the suffixes Kubernetes adds
    this.name = ("tracklab-" + cleaned).substring(0, Math.min(("tracklab-" + cleaned).length(), 48)).replaceAll("-+$", "");
    this.namespace = namespace;
    this.image = image;
    this.injectors = injectors;
    this.controllerAddress = controllerAddress;
    this.controllerPort = controllerPort;
    if (injectors < 1) {
      throw new IllegalArgumentException("injectors: at least 1, got " + injectors);
    }
    if (!controllerAddress.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("the controller's address for the pods must be an IPv4 address (an "
          + "EndpointSlice's), got " + controllerAddress);
    }
  }

  public String jobName() {
    return name;
  }

  public String serviceName() {
    return name + "-controller";
  }

  public String namespace() {
    return namespace;
  }

  /** Where the pods reach the controller. */
  public String controllerUrl() {
    return "http://" + serviceName() + ":" + controllerPort;
  }

  public Job job() {
    return new JobBuilder()
        .withNewMetadata().withName(jobName()).withNamespace(namespace).withLabels(labels()).endMetadata()
        .withNewSpec()
          .withCompletionMode("Indexed").withCompletions(injectors).withParallelism(injectors)
          .withBackoffLimit(0)
          .withNewTemplate()
            .withNewMetadata().withLabels(labels()).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer()
                .withName(CONTAINER).withImage(image).withImagePullPolicy("IfNotPresent")
                .withArgs("injector", "--controller", controllerUrl(), "--results", "/tmp/tracklab-results")
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue(InjectorJvmOptions.text(System.getenv())).endEnv()
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  public Service service() {
    return new ServiceBuilder()
        .withNewMetadata().withName(serviceName()).withNamespace(namespace).withLabels(labels()).endMetadata()
        .withNewSpec().addNewPort().withName("http").withProtocol("TCP").withPort(controllerPort)
          .withNewTargetPort(controllerPort).endPort().endSpec()
        .build();
  }

  public EndpointSlice endpoints() {
    return new EndpointSliceBuilder()
        .withNewMetadata().withName(serviceName()).withNamespace(namespace)
          .addToLabels(labels()).addToLabels("kubernetes.io/service-name", serviceName()).endMetadata()
        .withAddressType("IPv4")
        .addNewEndpoint().withAddresses(controllerAddress).endEndpoint()
        .addNewPort().withName("http").withProtocol("TCP").withPort(controllerPort).endPort()
        .build();
  }

  /** Every object, in the order they are created. */
  public List<HasMetadata> all() {
    return List.of(service(), endpoints(), job());
  }

  /** As {@code kubectl apply -f} takes them. */
  public String yaml() {
    KubernetesSerialization serialization = new KubernetesSerialization();
    StringBuilder yaml = new StringBuilder();
    for (HasMetadata object : all()) {
      String document = serialization.asYaml(object);
      yaml.append(document.startsWith("---") ? document : "---\n" + document);
    }
    return yaml.toString();
  }

  private Map<String, String> labels() {
    return Map.of(RUN_LABEL, name);
  }
}

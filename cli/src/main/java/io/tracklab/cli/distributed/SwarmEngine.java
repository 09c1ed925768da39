package io.tracklab.cli.distributed;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code swarm} engine: each injector is a Docker Swarm service in {@code replicated-job}
 * mode (one task, never restarted) of the locally built {@code tracklab} image, on the host
 * network so it reaches the controller and the proxies where they listen. Swarm places and
 * supervises the tasks; the controller only creates the services, reads their task states and
 * removes them. On an engine that is not in a swarm, a one-node swarm is created
 * ({@code docker swarm init}) and left again at the end, so the engine is as it was found.
 */
public final class SwarmEngine implements InjectorEngine {
  private static final List<String> ENDED = List.of("complete", "failed", "shutdown", "rejected", "orphaned", "remove");

  private final DockerCli docker = new DockerCli(60);
  private final String image;
  private final String runTag;
  private final Map<String, String> services = new LinkedHashMap<>();
  private final boolean swarmCreated;
  private final StopAtExit removeAtExit;

  /**
   * @param image the tracklab image ({@code bin/tracklab images} builds it; never pulled)
   * @param runTag what the services' names start with (the run's id, made short and valid)
   * @throws IllegalStateException naming what is missing: the CLI, the engine, the image
   */
  public SwarmEngine(String image, String runTag) {
    this.image = image;
    this.runTag = runTag.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    docker.require("the swarm engine needs a Docker engine", "info", "--format", "{{.ServerVersion}}");
    if (!docker.run("image", "inspect", "--format", "{{.Id}}", image).ok()) {
      throw new IllegalStateException("the swarm engine runs injectors from " + image + ", which is not here: build it "
          + "with bin/tracklab images (tracklab never pulls its own images)");
    }
    String state = docker.require("cannot ask Docker about its swarm", "info", "--format", "{{.Swarm.LocalNodeState}}");
    if (state.equals("active")) {
      swarmCreated = false;
    } else {
      docker.require("cannot create a one-node swarm", "swarm", "init", "--advertise-addr", "127.0.0.1");
      swarmCreated = true;
    }
    this.removeAtExit = new StopAtExit("tracklab-swarm-injectors-remove", this::removeAll);
  }

  @Override
  public String name() {
    return "swarm";
  }

  @Override
  public synchronized void launch(String injector, URI controller) {
    String service = runTag + "-" + injector;
    // --no-resolve-image: the image is built here, never looked up in a registry
    docker.require("cannot start " + injector + " as a swarm service", "service", "create", "--detach",
        "--no-resolve-image",
        "--name", service, "--mode", "replicated-job", "--restart-condition", "none", "--network", "host",
        "--label", "org.tracklab.injector=" + injector, "--container-label", "org.tracklab.injector=" + injector,
        "--env", "JAVA_TOOL_OPTIONS=" + InjectorJvmOptions.text(System.getenv()), image,
        "injector", "--controller", controller.toString(), "--name", injector, "--results", "/tmp/tracklab-results");
    services.put(injector, service);
  }

  @Override
  public synchronized Optional<String> ended(String injector) {
    String service = services.get(injector);
    if (service == null) {
      return Optional.of("never started");
    }
    DockerCli.Result tasks = docker.run("service", "ps", service, "--no-trunc", "--format", "{{.CurrentState}}|{{.Error}}");
    if (!tasks.ok()) {
      return Optional.of("its service " + service + " is gone (" + tasks.output() + ")");
    }
    String first = tasks.output().lines().findFirst().orElse("");
    String stateWord = first.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
    if (!ENDED.contains(stateWord)) {
      return Optional.empty();
    }
    DockerCli.Result logs = docker.run("service", "logs", "--raw", "--tail", "5", service);
    return Optional.of("its swarm task is " + first.replace("|", ", error: ").replaceFirst(", error: $", "")
        + (logs.output().isBlank() ? "" : "; its last lines (docker service logs " + service + "):\n      "
            + String.join("\n      ", logs.output().lines().toList())));
  }

  /** The swarm service of an injector (tests remove one mid-run). */
  public synchronized Optional<String> service(String injector) {
    return Optional.ofNullable(services.get(injector));
  }

  @Override
  public void close() {
    removeAll();
    removeAtExit.cancel();
  }

  private synchronized void removeAll() {
    for (String service : services.values()) {
      docker.run("service", "rm", service);
      // a job's finished task keeps its container; a removed service's go asynchronously: remove them now
      String containers = docker.run("ps", "-aq", "--filter", "label=com.docker.swarm.service.name=" + service).output();
      if (!containers.isBlank()) {
        List<String> remove = new java.util.ArrayList<>(List.of("rm", "-f"));
        remove.addAll(containers.lines().toList());
        docker.run(remove.toArray(String[]::new));
      }
    }
    services.clear();
    if (swarmCreated) {
      docker.run("swarm", "leave", "--force");
    }
  }
}

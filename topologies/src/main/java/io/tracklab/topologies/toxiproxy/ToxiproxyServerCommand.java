package io.tracklab.topologies.toxiproxy;

import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.toxiproxy.api.ToxiproxyApi;
import io.tracklab.topologies.toxiproxy.proxy.ToxiproxyApiException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar tracklab-toxiproxy.jar}: the embedded Toxiproxy server on its own, in the
 * foreground, until SIGINT or SIGTERM, which close every proxy and connection before the JVM
 * exits. Exit codes: 130/143 stopped by SIGINT/SIGTERM (128 + signal, as shells report it), 2 bad
 * arguments or config file, 3 the server could not start.
 */
@Command(
    name = "tracklab-toxiproxy",
    mixinStandardHelpOptions = true,
    versionProvider = ToxiproxyServerCommand.Version.class,
    description = {
      "Runs a Toxiproxy-API-compatible server (Toxiproxy " + ToxiproxyApi.TOXIPROXY_VERSION
          + " HTTP API and toxics) until interrupted.",
      "Drive it with any Toxiproxy client, e.g. toxiproxy-java or curl."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "130:stopped by SIGINT (Ctrl-C), 143 by SIGTERM",
      "2:bad arguments or config file",
      "3:the server could not start (e.g. port in use)"
    })
public final class ToxiproxyServerCommand implements Callable<Integer> {
  static final int EXIT_BAD_INPUT = 2;
  static final int EXIT_CANNOT_START = 3;

  // "-host=" and "-port=" as the real Toxiproxy (Go flags) takes them: the containers provisioner
  // starts either image with the same arguments
  @Option(
      names = {"--host", "-host"},
      defaultValue = EmbeddedToxiproxy.DEFAULT_HOST,
      description = "Address the API and proxies without a host bind to (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = {"--port", "-port"},
      defaultValue = "" + EmbeddedToxiproxy.DEFAULT_PORT,
      description = "API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = {"--config", "-config"},
      paramLabel = "FILE",
      description = "Toxiproxy config file (JSON array of proxies) to create at start.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ToxiproxyServerCommand()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    byte[] configJson = null;
    if (config != null) {
      try {
        configJson = Files.readAllBytes(config);
      } catch (IOException e) {
        err.println("tracklab-toxiproxy: cannot read --config " + config + ": " + e);
        return EXIT_BAD_INPUT;
      }
    }
    EmbeddedToxiproxy server;
    try {
      server = EmbeddedToxiproxy.start(host, port);
    } catch (TopologyException e) {
      err.println("tracklab-toxiproxy: " + e.getMessage());
      return EXIT_CANNOT_START;
    }
    if (configJson != null) {
      try {
        server.populate(configJson);
      } catch (ToxiproxyApiException e) {
        server.close();
        err.println("tracklab-toxiproxy: --config " + config + ": " + e.getMessage());
        return EXIT_BAD_INPUT;
      }
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      out.println("tracklab-toxiproxy stopped");
      out.flush();
      stopped.countDown();
    }, "toxiproxy-shutdown"));
    out.printf(
        "tracklab-toxiproxy listening on %s (Toxiproxy %s API, %s transport); Ctrl-C to stop%n",
        server.apiUrl(), ToxiproxyApi.TOXIPROXY_VERSION, server.transportName());
    out.flush();
    stopped.await();
    return 0;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ToxiproxyServerCommand.class.getPackage().getImplementationVersion();
      return new String[] {
        "tracklab-toxiproxy " + (version == null ? "(development build)" : version),
        "Toxiproxy API " + ToxiproxyApi.TOXIPROXY_VERSION
      };
    }
  }
}

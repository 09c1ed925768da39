package io.tracklab.harness.coordination;

import java.util.Objects;

/**
 * What one injector runs: the experiment as its file says (so every injector reads it as the
 * controller did), its share, and the topology as an external topology file that points at the
 * controller's proxies.
 *
 * @param protocol {@value #PROTOCOL}; an injector refuses any other
 * @param runId the controller's run id (the injector's result carries it)
 * @param injector this injector's name ({@code injector-1} ...)
 * @param index 0-based position among {@code count}: which users, rate share and keys it writes
 * @param experimentYaml the experiment file's text, its faults left to the controller
 * @param durationMillis the run's duration when the command line overrode the file's, else 0
 * @param topologyYaml an external topology file (docs/external-topology.md) for the topology the
 *     controller provisioned
 */
public record Assignment(int protocol, String runId, String injector, int index, int count, String experimentName,
    String experimentYaml, long durationMillis, String topologyYaml) {
  public static final int PROTOCOL = 1;

  public Assignment {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(injector, "injector");
    if (count < 1 || index < 0 || index >= count) {
      throw new IllegalArgumentException("injector " + index + " of " + count);
    }
  }
}

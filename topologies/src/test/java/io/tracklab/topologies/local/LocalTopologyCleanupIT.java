package io.tracklab.topologies.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tracklab.topologies.RedisNode;
import io.tracklab.topologies.Topology;
import io.tracklab.topologies.TopologyException;
import io.tracklab.topologies.TopologyKind;
import io.tracklab.topologies.assembly.ProxiedNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing outlives a topology: not after close(), not after a failed start, not after SIGTERM. */
class LocalTopologyCleanupIT {
  @TempDir Path base;

  @AfterEach
  void clearProperty() {
    System.clearProperty(RedisExecutable.PROPERTY);
  }

  @Test
  void afterClose_noProcessAndNoPortIsLeft() {
    Topology topology = new LocalProvisioner(base).start(TopologyKind.SENTINEL);
    List<Long> pids = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    for (RedisNode node : topology.nodes()) {
      pids.add(pid(node));
      ports.add(((ProxiedNode) node).port());
      ports.add(((ProxiedNode) node).proxyPort());
    }
    assertThat(pids).allMatch(LocalTopologyCleanupIT::alive);

    topology.close();
    topology.close(); // idempotent

    assertNothingLeft(pids, ports);
  }

  @Test
  void failedStartHalfWay_stopsWhatItHadStarted() throws IOException {
    // a redis-server that refuses to run as Sentinel: data nodes start, Sentinels fail
    Path wrapper = base.resolve("redis-server-without-sentinel");
    Files.writeString(wrapper, String.join("\n",
        "#!/bin/sh",
        "for arg in \"$@\"; do",
        "  if [ \"$arg\" = \"--sentinel\" ]; then echo 'this redis-server refuses --sentinel'; exit 1; fi",
        "done",
        "exec " + RedisExecutable.find() + " \"$@\"",
        ""));
    Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.setProperty(RedisExecutable.PROPERTY, wrapper.toString());

    Path topologies = base.resolve("topologies");
    assertThatThrownBy(() -> new LocalProvisioner(topologies).start(TopologyKind.SENTINEL))
        .isInstanceOf(TopologyException.class)
        .hasMessageContaining("sentinel-1")
        .hasMessageContaining("refuses --sentinel");

    List<ProcessHandle> left = ProcessHandle.allProcesses()
        .filter(process -> process.info().commandLine().orElse("").contains(topologies.toString()))
        .toList();
    assertThat(left).as("processes still running from %s", topologies).isEmpty();
    // the data nodes did start before the failure
    try (var nodes = Files.list(topologies.toFile().listFiles()[0].toPath())) {
      assertThat(nodes.map(path -> path.getFileName().toString()).toList()).contains("primary", "replica-1");
    }
  }

  @Test
  void jvmKilledWithSigterm_leavesNoRedisServerAndNoPort() throws Exception {
    Process holder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        TopologyHolder.class.getName(), "cluster", base.toString())
        .redirectErrorStream(true)
        .start();
    try {
      BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      String ready = null;
      for (String line; (line = output.readLine()) != null; ) {
        if (line.startsWith("READY ")) {
          ready = line;
          break;
        }
      }
      assertThat(ready).as("the holder JVM started a topology").isNotNull();
      List<Long> pids = Arrays.stream(ready.split(" ")[1].substring("pids=".length()).split(","))
          .map(Long::parseLong).toList();
      List<Integer> ports = Arrays.stream(ready.split(" ")[2].substring("ports=".length()).split(","))
          .map(Integer::parseInt).toList();
      assertThat(pids).hasSize(6).allMatch(LocalTopologyCleanupIT::alive);

      holder.toHandle().destroy(); // SIGTERM
      assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();

      assertNothingLeft(pids, ports);
    } finally {
      holder.destroyForcibly();
    }
  }

  private static long pid(RedisNode node) {
    return ((RedisProcess) ((ProxiedNode) node).handle()).pid();
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void assertNothingLeft(List<Long> pids, List<Integer> ports) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (pids.stream().anyMatch(LocalTopologyCleanupIT::alive) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(pids).as("redis-server processes").noneMatch(LocalTopologyCleanupIT::alive);
    for (int port : ports) {
      assertThat(accepts(port)).as("127.0.0.1:%d still accepts connections", port).isFalse();
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (ConnectException refused) {
      return false;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}

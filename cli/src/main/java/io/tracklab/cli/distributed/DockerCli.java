package io.tracklab.cli.distributed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, every call bounded in time. Why the CLI and not
 * docker-java (which Testcontainers brings): Swarm services and their task states are one
 * command each here, and what a person would type to look at a run is what the engine does.
 */
final class DockerCli {
  /** What a call printed and how it ended. */
  record Result(int exitCode, String output) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private final long timeoutSeconds;

  DockerCli(long timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
  }

  /** Runs {@code docker <arguments>}; a call that outlives the timeout is killed and fails. */
  Result run(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add("docker");
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "docker " + String.join(" ", arguments) + ": no answer within " + timeoutSeconds + " s");
      }
      return new Result(process.exitValue(), output.get(5, TimeUnit.SECONDS).trim());
    } catch (IOException e) {
      return new Result(-1, "cannot run docker: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted");
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return new Result(-1, "cannot read docker's output: " + e);
    }
  }

  /** Runs it and fails with what docker said unless it succeeded. */
  String require(String what, String... arguments) {
    Result result = run(arguments);
    if (!result.ok()) {
      throw new IllegalStateException(what + ": docker " + String.join(" ", arguments) + " ended with " + result.exitCode()
          + ": " + result.output());
    }
    return result.output();
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.tracklab.harness.coordination;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An injector's side of the protocol (see the package). Every call is bounded: a controller that
 * does not answer is an error here, never a hang.
 */
public final class CoordinatorClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

  private final URI controller;
  private final String injector;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public CoordinatorClient(URI controller, String injector) {
    this.controller = controller;
    this.injector = injector;
  }

  public String injector() {
    return injector;
  }

  /** What to run; refuses an assignment of another protocol version. */
  public Assignment assignment() {
    HttpResponse<byte[]> response = call(get("/v1/injectors/" + injector + "/assignment"));
    expect(response, 200, "assignment");
    try {
      Assignment assignment = JSON.readValue(response.body(), Assignment.class);
      if (assignment.protocol() != Assignment.PROTOCOL) {
        throw new CoordinationException("the controller at " + controller + " speaks protocol " + assignment.protocol()
            + ", this injector " + Assignment.PROTOCOL + ": run the same tracklab version on both");
      }
      return assignment;
    } catch (IOException e) {
      throw new CoordinationException("the controller's assignment is not protocol " + Assignment.PROTOCOL + ": "
          + e.getMessage(), e);
    }
  }

  /** Says ready, then waits for go, up to {@code timeout}. */
  public Go readyAndAwaitGo(Duration timeout) {
    expect(call(post("/v1/injectors/" + injector + "/ready", new byte[0])), 204, "ready");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (deadline - System.nanoTime() > 0) {
      long waitMillis = Math.max(1, Math.min(10_000, (deadline - System.nanoTime()) / 1_000_000));
      HttpResponse<byte[]> response = call(HttpRequest.newBuilder(controller.resolve("/v1/go?waitMillis=" + waitMillis))
          .timeout(Duration.ofMillis(waitMillis).plus(CALL_TIMEOUT)).GET().build());
      if (response.statusCode() == 200) {
        try {
          return JSON.readValue(response.body(), Go.class);
        } catch (IOException e) {
          throw new CoordinationException("a go the controller sent is not protocol " + Assignment.PROTOCOL, e);
        }
      }
      if (response.statusCode() == 410) {
        throw new CoordinationException("the controller aborted the run: " + text(response));
      }
      expect(response, 204, "go");
    }
    throw new CoordinationException("no go from the controller at " + controller + " within " + timeout.toSeconds() + " s");
  }

  /**
   * One beat of progress.
   *
   * @return false when the controller says stop (it aborted the run)
   */
  public boolean progress(InjectorProgress progress) {
    HttpResponse<byte[]> response = call(post("/v1/injectors/" + injector + "/progress", json(progress)));
    if (response.statusCode() == 410) {
      return false;
    }
    expect(response, 204, "progress");
    return true;
  }

  /**
   * Hands this injector's acknowledgements over and takes the other injectors' it has not seen
   * (in each writer's order).
   */
  public java.util.List<AckBatch> exchangeAcks(AckBatch mine) {
    HttpResponse<byte[]> response = call(post("/v1/injectors/" + injector + "/acks", json(mine)));
    expect(response, 200, "acks");
    try {
      return java.util.List.of(JSON.readValue(response.body(), AckBatch[].class));
    } catch (IOException e) {
      throw new CoordinationException("the controller's acknowledgements are not protocol " + Assignment.PROTOCOL, e);
    }
  }

  /** The injector's result.json, as written. */
  public void result(byte[] resultJson) {
    expect(call(post("/v1/injectors/" + injector + "/result", resultJson)), 204, "result");
  }

  /** Why this injector cannot go on (best effort: the controller may be gone too). */
  public void failed(String reason) {
    try {
      call(post("/v1/injectors/" + injector + "/failed", reason.getBytes(StandardCharsets.UTF_8)));
    } catch (CoordinationException ignored) {
      // the controller also watches the engine and the beats
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(controller.resolve(path)).timeout(CALL_TIMEOUT).GET().build();
  }

  private HttpRequest post(String path, byte[] body) {
    return HttpRequest.newBuilder(controller.resolve(path)).timeout(CALL_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<byte[]> call(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new CoordinationException("the controller at " + controller + " did not answer " + request.method() + " "
          + request.uri().getPath() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CoordinationException("interrupted while calling the controller", e);
    }
  }

  private void expect(HttpResponse<byte[]> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new CoordinationException("the controller at " + controller + " answered " + what + " of " + injector
          + " with " + response.statusCode() + ": " + text(response));
    }
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}

package io.tracklab.harness.coordination;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The controller's side of the protocol (see the package): hands out assignments, holds the
 * start barrier, hears progress and results. Thread-safe; every wait is bounded.
 */
public final class CoordinatorServer implements AutoCloseable {
  /** Seconds of silence (no progress) after which a running injector counts as gone, as Locust does with 3 missed 1 s beats. */
  public static final int MISSED_BEATS = 3;
  /** The longest a go poll is held open. */
  private static final long MAX_POLL_MILLIS = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final Map<String, Injector> injectors = new LinkedHashMap<>();
  private final AckRelay acks;
  private Go go;
  private String aborted;
  private final java.util.concurrent.atomic.LongAdder requests = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder bytes = new java.util.concurrent.atomic.LongAdder();

  /** What the coordination itself cost: requests served and bytes of their bodies, both ways. */
  public record Cost(long requests, long bytes) {}

  public Cost cost() {
    return new Cost(requests.sum(), bytes.sum());
  }

  /** What the controller knows of one injector. */
  public static final class Injector {
    private final Assignment assignment;
    private boolean ready;
    private long lastBeatNanos;
    private InjectorProgress progress = InjectorProgress.NONE;
    private byte[] result;
    private String failure;

    private Injector(Assignment assignment) {
      this.assignment = assignment;
    }

    public String name() {
      return assignment.injector();
    }
  }

  /** A snapshot of one injector for the controller's decisions and progress lines. */
  public record Status(String name, boolean ready, InjectorProgress progress, Optional<byte[]> result,
      Optional<String> failure, long silentMillis) {}

  private CoordinatorServer(HttpServer server, ExecutorService threads, List<Assignment> assignments) {
    this.server = server;
    this.threads = threads;
    for (Assignment assignment : assignments) {
      injectors.put(assignment.injector(), new Injector(assignment));
    }
    this.acks = new AckRelay(assignments.stream().map(Assignment::injector).toList());
  }

  /**
   * Serves {@code assignments} on {@code host:port} (port 0: any free one). Here always
   * 127.0.0.1; on a real engine, where the user says the injectors can reach it.
   */
  public static CoordinatorServer start(String host, int port, List<Assignment> assignments) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve the controller on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    // a go poll holds a thread until the start: at least one per injector besides the beats
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "tracklab-controller-http");
      thread.setDaemon(true);
      return thread;
    });
    CoordinatorServer coordinator = new CoordinatorServer(server, threads, assignments);
    server.createContext("/v1/", coordinator::handle);
    server.setExecutor(threads);
    server.start();
    return coordinator;
  }

  /** Where injectors reach it: {@code http://host:port}. */
  public URI url() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  /**
   * Waits until every injector said ready, or {@code timeout}, or one failed.
   *
   * @return the injectors that are not ready (empty: all are)
   */
  public synchronized List<String> awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<String> missing = new ArrayList<>();
      boolean failed = false;
      for (Injector injector : injectors.values()) {
        if (!injector.ready) {
          missing.add(injector.name());
        }
        failed |= injector.failure != null;
      }
      long left = deadline - System.nanoTime();
      if (missing.isEmpty() || failed || left <= 0) {
        return missing;
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, TimeUnit.SECONDS.toNanos(1)))));
    }
  }

  /** Opens the barrier: every go poll, held or next, answers with this instant. */
  public synchronized Go go() {
    if (go == null) {
      go = new Go(System.currentTimeMillis());
      long now = System.nanoTime();
      injectors.values().forEach(injector -> injector.lastBeatNanos = now);
      notifyAll();
    }
    return go;
  }

  /** Every go poll and progress beat from now on answers 410 with {@code reason}: injectors stop. */
  public synchronized void abort(String reason) {
    if (aborted == null) {
      aborted = reason;
      notifyAll();
    }
  }

  /** Every injector as the controller knows it now. */
  public synchronized List<Status> status() {
    long now = System.nanoTime();
    List<Status> statuses = new ArrayList<>();
    for (Injector injector : injectors.values()) {
      long silent = go == null || injector.result != null ? 0 : TimeUnit.NANOSECONDS.toMillis(now - injector.lastBeatNanos);
      statuses.add(new Status(injector.name(), injector.ready, injector.progress, Optional.ofNullable(injector.result),
          Optional.ofNullable(injector.failure), silent));
    }
    return statuses;
  }

  /** Waits up to {@code timeout} for a change (a beat, a result, a failure). */
  public synchronized void awaitChange(Duration timeout) throws InterruptedException {
    wait(Math.max(1, timeout.toMillis()));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  // ---- requests ----

  private void handle(HttpExchange exchange) throws IOException {
    requests.increment();
    try (exchange) {
      String[] path = exchange.getRequestURI().getPath().split("/");
      String method = exchange.getRequestMethod();
      if (path.length == 3 && path[2].equals("go") && method.equals("GET")) {
        pollGo(exchange);
        return;
      }
      Injector injector;
      synchronized (this) {
        injector = path.length == 5 && path[2].equals("injectors") ? injectors.get(path[3]) : null;
      }
      if (injector == null) {
        respond(exchange, 404, "no such injector or resource: " + exchange.getRequestURI().getPath());
        return;
      }
      switch (method + " " + path[4]) {
        case "GET assignment" -> respondJson(exchange, 200, injector.assignment);
        case "POST ready" -> {
          synchronized (this) {
            injector.ready = true;
            notifyAll();
          }
          respond(exchange, 204, null);
        }
        case "POST progress" -> {
          InjectorProgress progress = JSON.readValue(body(exchange), InjectorProgress.class);
          String stop;
          synchronized (this) {
            injector.progress = progress;
            injector.lastBeatNanos = System.nanoTime();
            stop = aborted;
            notifyAll();
          }
          respond(exchange, stop == null ? 204 : 410, stop);
        }
        case "POST result" -> {
          byte[] result = body(exchange);
          synchronized (this) {
            injector.result = result;
            notifyAll();
          }
          respond(exchange, 204, null);
        }
        case "POST acks" -> {
          AckBatch batch = JSON.readValue(body(exchange), AckBatch.class);
          if (!batch.injector().equals(injector.name())) {
            respond(exchange, 400, "a batch of " + batch.injector() + " posted as " + injector.name());
            return;
          }
          respondJson(exchange, 200, acks.exchange(batch));
        }
        case "POST failed" -> {
          String reason = new String(body(exchange), StandardCharsets.UTF_8);
          synchronized (this) {
            injector.failure = reason.isBlank() ? "no reason given" : reason;
            notifyAll();
          }
          respond(exchange, 204, null);
        }
        default -> respond(exchange, 405, method + " " + exchange.getRequestURI().getPath() + " is not part of protocol "
            + Assignment.PROTOCOL);
      }
    } catch (RuntimeException e) {
      respond(exchange, 400, "bad request: " + e.getMessage());
    }
  }

  private void pollGo(HttpExchange exchange) throws IOException {
    long waitMillis = MAX_POLL_MILLIS;
    String query = exchange.getRequestURI().getQuery();
    if (query != null && query.startsWith("waitMillis=")) {
      waitMillis = Math.min(MAX_POLL_MILLIS, Long.parseLong(query.substring("waitMillis=".length())));
    }
    Go answer;
    String stop;
    synchronized (this) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
      try {
        while (go == null && aborted == null && deadline - System.nanoTime() > 0) {
          wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      answer = go;
      stop = aborted;
    }
    if (stop != null) {
      respond(exchange, 410, stop);
    } else if (answer != null) {
      respondJson(exchange, 200, answer);
    } else {
      respond(exchange, 204, null);
    }
  }

  private byte[] body(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      bytes.add(body.length);
      return body;
    }
  }

  private void respondJson(HttpExchange exchange, int status, Object value) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsBytes(value));
  }

  private void respond(HttpExchange exchange, int status, String text) throws IOException {
    if (text == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    send(exchange, status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
  }

  private void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    bytes.add(body.length);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}

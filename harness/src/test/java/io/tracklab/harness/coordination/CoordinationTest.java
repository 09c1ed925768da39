package io.tracklab.harness.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The protocol end to end on loopback: the JDK's server and client, no mocks. */
@Timeout(30)
class CoordinationTest {
  private CoordinatorServer server;

  @AfterEach
  void close() {
    if (server != null) {
      server.close();
    }
  }

  private static Assignment assignment(int index, int count) {
    return new Assignment(Assignment.PROTOCOL, "run-1", "injector-" + (index + 1), index, count, "exp", "schema: 1",
        0, "kind: standalone");
  }

  private CoordinatorClient client(String name) {
    return new CoordinatorClient(server.url(), name);
  }

  @Test
  void anInjectorGetsItsOwnAssignment() {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 2), assignment(1, 2)));

    Assignment second = client("injector-2").assignment();

    assertThat(second).isEqualTo(assignment(1, 2));
    assertThatThrownBy(() -> client("injector-9").assignment())
        .isInstanceOf(CoordinationException.class).hasMessageContaining("404");
  }

  @Test
  void noInjectorStarts_untilEveryOneIsReady() throws Exception {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 2), assignment(1, 2)));
    CompletableFuture<Go> first = CompletableFuture.supplyAsync(() -> client("injector-1").readyAndAwaitGo(Duration.ofSeconds(20)));

    assertThat(server.awaitReady(Duration.ofMillis(300))).containsExactly("injector-2");
    assertThat(first).isNotDone();
    CompletableFuture<Go> second = CompletableFuture.supplyAsync(() -> client("injector-2").readyAndAwaitGo(Duration.ofSeconds(20)));
    assertThat(server.awaitReady(Duration.ofSeconds(10))).isEmpty();
    Go go = server.go();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(go);
    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(go);
  }

  @Test
  void anAbortedRun_stopsWaitingInjectors_andTellsBeatingOnesToStop() throws Exception {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 2), assignment(1, 2)));
    CompletableFuture<Go> waiting = CompletableFuture.supplyAsync(() -> client("injector-1").readyAndAwaitGo(Duration.ofSeconds(20)));
    assertThat(client("injector-2").progress(InjectorProgress.NONE)).isTrue();

    server.abort("injector-3 died");

    assertThat(client("injector-2").progress(InjectorProgress.NONE)).isFalse();
    assertThat(waiting).failsWithin(Duration.ofSeconds(10)).withThrowableOfType(Exception.class)
        .withMessageContaining("injector-3 died");
  }

  @Test
  void progressResultsAndFailures_reachTheController() throws Exception {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 2), assignment(1, 2)));
    server.go();
    InjectorProgress beat = new InjectorProgress(1_000, 90, 80, 10, 1, 0, 2, 0);

    client("injector-1").progress(beat);
    client("injector-1").result("{\"schema\":1}".getBytes(StandardCharsets.UTF_8));
    client("injector-2").failed("cannot connect to 127.0.0.1:1");

    List<CoordinatorServer.Status> status = server.status();
    assertThat(status.get(0).progress()).isEqualTo(beat);
    assertThat(new String(status.get(0).result().orElseThrow(), StandardCharsets.UTF_8)).isEqualTo("{\"schema\":1}");
    assertThat(status.get(1).failure()).contains("cannot connect to 127.0.0.1:1");
  }

  @Test
  void acknowledgements_travelFromOneInjectorToTheOthers_throughTheController() {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 2), assignment(1, 2)));
    AckBatch first = new AckBatch("injector-1", 1_000, 100, new long[] {4, 2, 900, 6, 3, 950});

    assertThat(client("injector-1").exchangeAcks(first)).isEmpty();
    assertThat(client("injector-2").exchangeAcks(new AckBatch("injector-2", 1_000, 100, new long[0]))).containsExactly(first);
    assertThatThrownBy(() -> client("injector-2").exchangeAcks(new AckBatch("injector-1", 2_000, 100, new long[0])))
        .isInstanceOf(CoordinationException.class).hasMessageContaining("400");
  }

  @Test
  void aSilentInjector_isSeenSilent() throws Exception {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 1)));
    server.go();
    Thread.sleep(200);

    assertThat(server.status().get(0).silentMillis()).isGreaterThanOrEqualTo(200);
    client("injector-1").progress(InjectorProgress.NONE);
    assertThat(server.status().get(0).silentMillis()).isLessThan(200);
  }

  @Test
  void aControllerThatIsNotThere_isAnErrorNamingIt_notAHang() {
    server = CoordinatorServer.start("127.0.0.1", 0, List.of(assignment(0, 1)));
    java.net.URI gone = server.url();
    server.close();
    server = null;

    assertThatThrownBy(() -> new CoordinatorClient(gone, "injector-1").assignment())
        .isInstanceOf(CoordinationException.class).hasMessageContaining(gone.toString());
  }
}

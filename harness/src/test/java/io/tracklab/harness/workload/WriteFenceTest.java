package io.tracklab.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WriteFenceTest {
  private final WriteFence fence = new WriteFence();

  @Test
  void theChangeWaitsForEveryUnansweredWrite() throws Exception {
    CompletableFuture<String> reply = new CompletableFuture<>();
    fence.send(1, () -> reply);
    List<String> order = new ArrayList<>();
    CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
      synchronized (order) {
        order.add("reply");
      }
      reply.complete("OK");
    });

    boolean drained = fence.exclusive(Duration.ofSeconds(5), () -> {
      synchronized (order) {
        order.add("change");
      }
    });

    assertThat(drained).isTrue();
    assertThat(order).containsExactly("reply", "change");
    assertThat(fence.unanswered()).isZero();
  }

  @Test
  void aWriteSentDuringTheChange_goesAfterIt() throws Exception {
    CountDownLatch changing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> order = new ArrayList<>();
    Thread change = new Thread(() -> {
      try {
        fence.exclusive(Duration.ofSeconds(1), () -> {
          changing.countDown();
          await(release);
          synchronized (order) {
            order.add("change");
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    change.start();
    changing.await();
    Thread writer = new Thread(() -> fence.send(1, () -> {
      synchronized (order) {
        order.add("write");
      }
      return CompletableFuture.completedFuture("OK");
    }));
    writer.start();
    writer.join(200);
    assertThat(writer.isAlive()).as("the writer waits while the change runs").isTrue();
    release.countDown();
    change.join();
    writer.join();

    assertThat(order).containsExactly("change", "write");
  }

  @Test
  void writesOfOneKey_reachTheConnectionInTheOrderTheirVersionsWereTaken() throws Exception {
    AtomicLong versions = new AtomicLong();
    List<Long> handedOver = new ArrayList<>();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread writer = new Thread(() -> {
        for (int i = 0; i < 2_000; i++) {
          fence.send(7, () -> {
            long version = versions.incrementAndGet();
            Thread.yield(); // another writer of the key would overtake here, were it not ordered
            synchronized (handedOver) {
              handedOver.add(version);
            }
            return CompletableFuture.completedFuture("OK");
          });
        }
      });
      writers.add(writer);
      writer.start();
    }
    for (Thread writer : writers) {
      writer.join();
    }

    assertThat(handedOver).hasSize(8_000).isSorted();
  }

  @Test
  void anUnansweredWrite_holdsTheChangeOnlyUntilTheDrainTimeRunsOut() throws Exception {
    fence.send(1, CompletableFuture::new); // never answered

    boolean drained = fence.exclusive(Duration.ofMillis(50), () -> {});

    assertThat(drained).isFalse();
    assertThat(fence.unanswered()).isEqualTo(1);
  }

  @Test
  void aWriteThatFailsToSend_isNotLeftUnanswered() {
    try {
      fence.send(1, () -> {
        throw new IllegalStateException("no connection");
      });
    } catch (IllegalStateException expected) {
      // the caller sees it
    }
    assertThat(fence.unanswered()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

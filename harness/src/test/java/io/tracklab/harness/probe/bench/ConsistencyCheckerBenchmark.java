package io.tracklab.harness.probe.bench;

import io.tracklab.harness.probe.CheckerConfig;
import io.tracklab.harness.probe.ConsistencyChecker;
import io.tracklab.harness.probe.ReadClass;
import io.tracklab.harness.workload.KeyChooser;
import io.tracklab.harness.workload.KeyDistribution;
import io.tracklab.harness.workload.VersionedValue;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the checker costs per recorded read and write, over a key space of a million keys.
 * Run: {@code ./mvnw -B -pl harness -am -Pjmh -DskipTests verify -Djmh.include=ConsistencyCheckerBenchmark}.
 * Memory per key is printed at setup (the checker's arrays, measured by heap use after GC).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Threads(1)
public class ConsistencyCheckerBenchmark {
  static final int KEYS = 1_000_000;
  static final int HOT = 1 << 16;
  static final int SIZE = 64;

  ConsistencyChecker checker;
  String[] values;

  @Setup(Level.Trial)
  public void setUp() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    checker = new ConsistencyChecker(new CheckerConfig(KEYS, 2, Duration.ofMillis(500)), "key:");
    System.gc();
    long after = runtime.totalMemory() - runtime.freeMemory();
    System.out.printf("%nchecker memory: %.1f bytes per key for %d keys (history %d)%n",
        (after - before) / (double) KEYS, KEYS, CheckerConfig.DEFAULT_HISTORY);
    values = new String[HOT];
    for (int key = 0; key < HOT; key++) {
      long version = checker.nextVersion(key);
      checker.writeSent(key, version, System.nanoTime());
      checker.writeAcked(key, version, System.nanoTime());
      values[key] = new VersionedValue("key:" + key, version, 0).encode(SIZE);
    }
  }

  /** Each benchmark thread is a reader of its own, picking keys as a read-heavy workload does. */
  @State(Scope.Thread)
  public static class Reader {
    static final AtomicInteger IDS = new AtomicInteger();
    final int id = IDS.getAndIncrement() % 2;
    /** Keys drawn beforehand, so the benchmark times the checker, not the sampler. */
    final int[] zipfKeys = new int[1 << 20];
    int next;

    public Reader() {
      KeyChooser zipf = new KeyDistribution.Zipf(0.99).newChooser(HOT, id);
      for (int i = 0; i < zipfKeys.length; i++) {
        zipfKeys[i] = zipf.next();
      }
    }
  }

  /** Keys uniformly over 65536: a working set bigger than the caches, the worst case. */
  @Benchmark
  public ReadClass recordReadUniform(Reader reader) {
    int key = ThreadLocalRandom.current().nextInt(HOT);
    long now = System.nanoTime();
    return checker.readReturned(reader.id, key, now, now, values[key]);
  }

  /** Keys by Zipf(0.99), as the read-heavy simulation picks them. */
  @Benchmark
  public ReadClass recordReadZipf(Reader reader) {
    int key = reader.zipfKeys[reader.next++ & (reader.zipfKeys.length - 1)];
    long now = System.nanoTime();
    return checker.readReturned(reader.id, key, now, now, values[key]);
  }

  @Benchmark
  public void recordWrite() {
    int key = HOT + ThreadLocalRandom.current().nextInt(KEYS - HOT);
    long version = checker.nextVersion(key);
    long now = System.nanoTime();
    checker.writeSent(key, version, now);
    checker.writeAcked(key, version, now);
  }
}

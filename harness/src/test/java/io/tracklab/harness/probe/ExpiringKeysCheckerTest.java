package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tracklab.harness.workload.KeyExpiry;
import io.tracklab.harness.workload.VersionedValue;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The checker's rules for keys written with a TTL (every key here: share 1, TTL 100 ms, bound
 * 40 ms). Times are milliseconds written as nanoseconds, except where an audit compares with the
 * clock.
 */
class ExpiringKeysCheckerTest {
  private static final Duration TTL = Duration.ofMillis(100);

  private final ConsistencyChecker checker = new ConsistencyChecker(
      new CheckerConfig(4, 1, Duration.ofMillis(40)).withExpiry(new KeyExpiry(1, TTL)), "key:");

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  private static String value(int key, long version) {
    return new VersionedValue("key:" + key, version, 0).encode(64);
  }

  private long write(int key, long sentNanos, long ackNanos) {
    long version = checker.nextVersion(key);
    checker.writeSent(key, version, sentNanos);
    checker.writeAcked(key, version, ackNanos);
    return version;
  }

  @Test
  void aValueServedAfterItsTtlRanOut_isStale_agedFromItsExpiry() {
    long version = write(1, ms(95), ms(100));
    assertThat(checker.readReturned(0, 1, ms(150), ms(151), value(1, version))).isEqualTo(ReadClass.FRESH);
    assertThat(checker.readReturned(0, 1, ms(230), ms(231), value(1, version))).as("expired at 200 at the latest")
        .isEqualTo(ReadClass.STALE);
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(30_000L, withinPercentage(0.1));
    assertThat(checker.report().violations()).isZero();
    assertThat(checker.readReturned(0, 1, ms(260), ms(261), value(1, version))).isEqualTo(ReadClass.STALE);
    assertThat(checker.report().violations()).as("60 ms after its expiry, beyond the 40 ms bound").isEqualTo(1);
  }

  @Test
  void aNewerWrite_staysTheMeasureWhenItCameBeforeTheExpiry() {
    long first = write(1, ms(95), ms(100));
    write(1, ms(140), ms(150));
    assertThat(checker.readReturned(-1, 1, ms(160), ms(161), value(1, first))).isEqualTo(ReadClass.STALE);
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(10_000L, withinPercentage(0.1));
  }

  @Test
  void noValue_isFreshOnceTheNewestWriteCouldHaveExpired_andStaleWhileItCouldNot() {
    write(1, ms(95), ms(100));
    assertThat(checker.readReturned(0, 1, ms(196), ms(197), null)).as("sent at 95: may have expired at 195")
        .isEqualTo(ReadClass.FRESH);
    write(2, ms(95), ms(100));
    assertThat(checker.readReturned(-1, 2, ms(150), ms(151), null)).as("it exists until 195 at least")
        .isEqualTo(ReadClass.STALE);
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(50_000L, withinPercentage(0.1));
  }

  @Test
  void noValue_whileTheNextWriteIsInFlight_isTheExpiryOfTheOneBefore() {
    write(1, ms(0), ms(5));
    long second = checker.nextVersion(1);
    checker.writeSent(1, second, ms(300));
    assertThat(checker.readReturned(0, 1, ms(299), ms(301), null)).isNotEqualTo(ReadClass.STALE);
    assertThat(checker.report().corrupt()).isZero();
  }

  @Test
  void theAudit_takesNoValueAsExpiry_onlyWhenTheNewestWriteCouldHaveExpired() {
    long now = System.nanoTime();
    write(1, now - ms(10_000), now - ms(9_999)); // long expired
    write(2, now, now + ms(1)); // cannot have expired when the audit reads, within the TTL
    ConsistencyChecker.LostWrites lost = checker.audit(key -> null);
    assertThat(lost.keysWithLostWrites()).isEqualTo(1);
    assertThat(lost.lost().get(0).key()).isEqualTo(2);
  }

  @Test
  void setGetFindingNoValue_isThePreviousVersionsExpiry_notALostWrite() {
    write(1, ms(0), ms(5));
    long second = write(1, ms(500), ms(505));
    checker.writeReplaced(1, second, null);
    assertThat(checker.audit(key -> key == 1 ? value(1, second) : null).versionsLost()).isZero();
  }

  @Test
  void keysThatDoNotExpire_keepTheirRules() {
    ConsistencyChecker half = new ConsistencyChecker(
        new CheckerConfig(64, 1, Duration.ofMillis(40)).withExpiry(new KeyExpiry(0.5, TTL)), "key:");
    KeyExpiry expiry = new KeyExpiry(0.5, TTL);
    int steady = 0;
    while (expiry.expires(steady)) {
      steady++;
    }
    long version = half.nextVersion(steady);
    half.writeSent(steady, version, ms(0));
    half.writeAcked(steady, version, ms(1));
    assertThat(half.readReturned(0, steady, ms(10_000), ms(10_001), value(steady, version))).isEqualTo(ReadClass.FRESH);
    assertThat(half.readReturned(0, steady, ms(10_002), ms(10_003), null)).as("no value of a key that never expires")
        .isEqualTo(ReadClass.STALE);
  }
}

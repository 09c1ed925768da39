package io.tracklab.harness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import io.tracklab.harness.workload.VersionedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Crafted histories with known answers. Times are milliseconds written as nanoseconds; ages are
 * read back from an HdrHistogram with 3 significant digits (0.1 %).
 */
class ConsistencyCheckerTest {
  private static final int SIZE = 64;

  private final ConsistencyChecker checker =
      new ConsistencyChecker(new CheckerConfig(10, 2, Duration.ofMillis(40)), "key:");

  private static String name(int key) {
    return "key:" + key;
  }

  private static long ms(long millis) {
    return millis * 1_000_000L;
  }

  private static String value(int key, long version) {
    return new VersionedValue(name(key), version, 0).encode(SIZE);
  }

  private static CompletableFuture<String> completed(String value) {
    return CompletableFuture.completedFuture(value);
  }

  /** Writes the next version of key, sent at sent ms and acknowledged at acked ms. */
  private long write(int key, long sent, long acked) {
    long version = checker.nextVersion(key);
    checker.writeSent(key, version, ms(sent));
    checker.writeAcked(key, version, ms(acked));
    return version;
  }

  @Test
  void afterTheKeyspaceWasEmptied_anOldValueIsStale_noValueIsFresh_andNothingIsLost() {
    write(1, 90, 100);
    write(2, 90, 100);
    checker.keyspaceEmptying(ms(200));
    checker.keyspaceEmptied(ms(201));

    assertThat(checker.readReturned(0, 1, ms(300), ms(301), value(1, 1))).as("served from before the swap")
        .isEqualTo(ReadClass.STALE);
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(99_000L, withinPercentage(0.1));
    assertThat(checker.readReturned(1, 2, ms(300), ms(301), null)).isEqualTo(ReadClass.FRESH);
    assertThat(checker.readReturned(-1, 1, ms(150), ms(250), value(1, 1))).as("read across the swap")
        .isEqualTo(ReadClass.CONCURRENT);
    long afterSwap = write(2, 400, 401);
    checker.writeReplaced(2, afterSwap, null); // SET .. GET found nothing: the swap, not a lost write
    assertThat(checker.readReturned(1, 2, ms(500), ms(501), value(2, afterSwap))).isEqualTo(ReadClass.FRESH);
    assertThat(checker.report().writesAcknowledged()).as("the swap is not a write of the harness").isEqualTo(3);

    Map<Integer, String> stored = new HashMap<>();
    stored.put(2, value(2, afterSwap)); // every other key: none, as the swap left them
    assertThat(checker.audit(stored::get).versionsLost()).isZero();
    assertThat(checker.audit(key -> key == 2 ? null : stored.get(key)).versionsLost())
        .as("the write after the swap missing is a lost write").isEqualTo(1);
  }

  @Test
  void aReadThatFindsNoValueWhileTheKeyspaceIsEmptied_isJudgedAgainstTheChange_notAgainstTheWriteItRemoved() {
    write(1, 90, 100);
    checker.keyspaceEmptying(ms(2_000));
    // the flush ran on the server; its reply (and so keyspaceEmptied) has not come yet
    assertThat(checker.readReturned(0, 1, ms(2_001), ms(2_002), null)).isNotEqualTo(ReadClass.STALE);
    assertThat(checker.readReturned(1, 1, ms(2_001), ms(2_002), value(1, 1))).as("before the flush ran")
        .isEqualTo(ReadClass.CONCURRENT);
    checker.keyspaceEmptied(ms(2_003));
    assertThat(checker.readReturned(1, 1, ms(2_010), ms(2_011), value(1, 1))).isEqualTo(ReadClass.STALE);
    assertThat(checker.report().violations()).isZero();
  }

  @Test
  void aKeyspaceChangeThatFailed_leavesItsDeletesUnknown_notLost() {
    long written = write(1, 90, 100);
    checker.keyspaceEmptying(ms(200));
    checker.keyspaceChangeFailed();
    assertThat(checker.readReturned(0, 1, ms(300), ms(301), value(1, written))).isNotEqualTo(ReadClass.STALE);
    assertThat(checker.audit(key -> key == 1 ? value(1, written) : null).versionsLost()).isZero();
    assertThat(checker.audit(key -> null).versionsLost()).as("the flush may have happened").isZero();
  }

  @Test
  void newestAcknowledgedVersion_isFresh() {
    write(1, 90, 100);
    assertThat(checker.readReturned(0, 1, ms(200), ms(201), value(1, 1))).isEqualTo(ReadClass.FRESH);
  }

  @Test
  void olderVersionAfterANewerAck_isStale_agedFromThatAck() {
    write(1, 90, 100);
    write(1, 190, 200);
    assertThat(checker.readReturned(0, 1, ms(250), ms(251), value(1, 1))).isEqualTo(ReadClass.STALE);
    ConsistencyChecker.CheckerReport report = checker.report();
    assertThat(report.stale()).isEqualTo(1);
    assertThat(report.stalenessAgeMicros().getMaxValue()).isCloseTo(50_000L, withinPercentage(0.1));
    assertThat(report.violations()).as("50 ms is over the 40 ms bound").isEqualTo(1);
  }

  @Test
  void tVisibility_countsEachReadByTheTimeSinceTheNewestAckBeforeIt_asVisibleOrNot() {
    write(1, 90, 100);
    write(1, 180, 200); // acknowledged out of order: version 2 before version 3
    long three = checker.nextVersion(1);
    checker.writeSent(1, three, ms(150));
    checker.writeAcked(1, three, ms(190));
    // 10 ms after the newest ack (200): returns version 3, the newest — visible although 2 was acked last
    checker.readReturned(0, 1, ms(210), ms(211), value(1, 3));
    // 50 ms after it: returns version 1 — not visible
    checker.readReturned(1, 1, ms(250), ms(251), value(1, 1));
    // before any write was acknowledged to key 2: no time to count from
    checker.readReturned(0, 2, ms(250), ms(251), null);

    ConsistencyChecker.CheckerReport report = checker.report();
    assertThat(report.visibleAfterMicros().getTotalCount()).isEqualTo(1);
    assertThat(report.visibleAfterMicros().getMaxValue()).isCloseTo(10_000L, withinPercentage(1));
    assertThat(report.invisibleAfterMicros().getTotalCount()).isEqualTo(1);
    assertThat(report.invisibleAfterMicros().getMaxValue()).isCloseTo(50_000L, withinPercentage(1));
  }

  @Test
  void staleWithinTheBound_isNoViolation() {
    write(1, 90, 100);
    write(1, 190, 200);
    checker.readReturned(0, 1, ms(230), ms(231), value(1, 1));
    assertThat(checker.report().stale()).isEqualTo(1);
    assertThat(checker.report().violations()).isZero();
  }

  @Test
  void theAgeCountsFromTheEarliestNewerAck_evenWhenAcksCameOutOfOrder() {
    write(1, 0, 10); // v1
    long v2 = checker.nextVersion(1);
    long v3 = checker.nextVersion(1);
    checker.writeSent(1, v2, ms(20));
    checker.writeSent(1, v3, ms(21));
    checker.writeAcked(1, v3, ms(30)); // v3 acknowledged before v2
    checker.writeAcked(1, v2, ms(45));
    checker.readReturned(0, 1, ms(100), ms(101), value(1, 1));
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(70_000L, withinPercentage(0.1));
  }

  @Test
  void readOverlappingANewerWrite_isConcurrent_notStale() {
    write(1, 90, 100);
    long v2 = checker.nextVersion(1);
    checker.writeSent(1, v2, ms(240));
    assertThat(checker.readReturned(0, 1, ms(250), ms(255), value(1, 1))).isEqualTo(ReadClass.CONCURRENT);
    checker.writeAcked(1, v2, ms(260));
    assertThat(checker.readReturned(0, 1, ms(256), ms(257), value(1, 1))).isEqualTo(ReadClass.CONCURRENT);
    assertThat(checker.readReturned(0, 1, ms(261), ms(262), value(1, 1))).isEqualTo(ReadClass.STALE);
  }

  @Test
  void aMissingKeyAfterAnAcknowledgedWrite_isStale() {
    write(2, 0, 10);
    assertThat(checker.readReturned(0, 2, ms(20), ms(21), null)).isEqualTo(ReadClass.STALE);
    assertThat(checker.readReturned(0, 3, ms(20), ms(21), null)).isEqualTo(ReadClass.FRESH);
  }

  @Test
  void aReaderSeeingAVersionGoDown_isARegression() {
    write(1, 0, 10);
    write(1, 20, 30);
    checker.readReturned(0, 1, ms(40), ms(41), value(1, 2));
    checker.readReturned(0, 1, ms(42), ms(43), value(1, 1));
    checker.readReturned(1, 1, ms(44), ms(45), value(1, 1)); // another reader: its own history
    assertThat(checker.report().regressions()).isEqualTo(1);
  }

  @Test
  void valuesNeverWritten_areCorrupt() {
    write(1, 0, 10);
    assertThat(checker.readReturned(0, 1, ms(20), ms(21), "garbage")).isEqualTo(ReadClass.CORRUPT);
    assertThat(checker.readReturned(0, 1, ms(20), ms(21), value(2, 1))).as("another key's value")
        .isEqualTo(ReadClass.CORRUPT);
    assertThat(checker.readReturned(0, 1, ms(20), ms(21), value(1, 99))).as("a version never handed out")
        .isEqualTo(ReadClass.CORRUPT);
    assertThat(checker.report().corrupt()).isEqualTo(3);
  }

  @Test
  void readsBehindTheRememberedHistory_areStillStaleWhenTheEvidenceSaysSo() {
    ConsistencyChecker small =
        new ConsistencyChecker(new CheckerConfig(1, 1, Duration.ofMillis(40), 2), "key:");
    for (int i = 1; i <= 5; i++) {
      long version = small.nextVersion(0);
      small.writeSent(0, version, ms(i * 100 - 5));
      small.writeAcked(0, version, ms(i * 100));
    }
    assertThat(small.readReturned(0, 0, ms(1000), ms(1001), new VersionedValue(name(0), 1, 0).encode(SIZE)))
        .isEqualTo(ReadClass.STALE);
    // the true age is 800 ms (v2 at 200 ms); the history of 2 only proves at least 700 ms (v3)
    assertThat(small.report().stalenessAgeMicros().getMaxValue()).isBetween(699_000L, 801_000L);
    assertThat(small.report().violations()).isEqualTo(1);
  }

  @Test
  void audit_findsExactlyTheLostKeysAndVersions() {
    write(0, 0, 1);
    write(0, 2, 3);
    write(0, 4, 5); // key 0: acknowledged 3, stored 3
    for (int i = 0; i < 5; i++) {
      write(1, 10 + i, 11 + i); // key 1: acknowledged 1..5
    }
    checker.writeFailed(1, checker.nextVersion(1)); // v6: outcome unknown, never counted
    write(2, 20, 21); // key 2: acknowledged 1, stored nothing
    Map<Integer, String> stored = new HashMap<>();
    stored.put(0, value(0, 3));
    stored.put(1, value(1, 2));
    ConsistencyChecker.LostWrites audit = checker.audit(stored::get);
    assertThat(audit.keysChecked()).isEqualTo(3);
    assertThat(audit.keysWithLostWrites()).isEqualTo(2);
    assertThat(audit.versionsLost()).isEqualTo(3 + 1);
    assertThat(audit.lost()).containsExactly(
        new ConsistencyChecker.LostKey(1, 2, 5, 3),
        new ConsistencyChecker.LostKey(2, 0, 1, 1));
  }

  @Test
  void aFailedWriteInTheLostRange_isNotCountedAsLost() {
    write(0, 0, 1); // v1
    long v2 = checker.nextVersion(0);
    checker.writeFailed(0, v2); // unknown outcome
    long v3 = checker.nextVersion(0);
    checker.writeSent(0, v3, ms(5));
    checker.writeAcked(0, v3, ms(6));
    ConsistencyChecker.LostWrites audit = checker.audit(key -> value(0, 1));
    assertThat(audit.versionsLost()).as("v3 lost, v2 unknown").isEqualTo(1);
  }

  @Test
  void afterAnAuditDuringTheRun_readsOfWhatSurvivedAreNotStale_butTheLossIsCounted() {
    write(1, 0, 1); // v1, survives
    write(1, 10, 11); // v2, acknowledged by a primary that then lost it
    assertThat(checker.readReturned(0, 1, ms(100), ms(101), value(1, 1)))
        .as("before anyone knows v2 is gone, v1 is stale").isEqualTo(ReadClass.STALE);

    ConsistencyChecker.LostWrites found = checker.auditDuringRun(key -> completed(key == 1 ? value(1, 1) : null));
    assertThat(found.lost()).containsExactly(new ConsistencyChecker.LostKey(1, 1, 2, 1));
    assertThat(checker.readReturned(0, 1, ms(2000), ms(2001), value(1, 1))).isEqualTo(ReadClass.FRESH);
    assertThat(checker.report().violations()).as("only the read before the audit").isEqualTo(1);

    write(1, 3000, 3001); // v3 on the new primary: v1 is stale again, aged from v3's ack
    assertThat(checker.check(0, 1, ms(3101), ms(3102), value(1, 1)).staleAgeNanos()).isEqualTo(ms(100));

    ConsistencyChecker.LostWrites atEnd = checker.audit(key -> value(1, 3));
    assertThat(atEnd.lost()).as("v2 counted once, from the audit during the run")
        .containsExactly(new ConsistencyChecker.LostKey(1, 3, 3, 1));
    assertThat(checker.auditDuringRun(key -> completed(value(1, 3))).versionsLost()).as("nothing new").isZero();
  }

  @Test
  void anAuditDuringTheRun_forgetsLostVersionsBeyondTheHistoryToo() {
    ConsistencyChecker small = new ConsistencyChecker(new CheckerConfig(10, 2, Duration.ofMillis(40), 2), "key:");
    for (int i = 0; i < 5; i++) { // v1 survives; v2..v5 are lost, and a history of 2 forgot v1..v3
      long version = small.nextVersion(2);
      small.writeSent(2, version, ms(10 * i));
      small.writeAcked(2, version, ms(10 * i + 1));
    }
    assertThat(small.readReturned(0, 2, ms(1000), ms(1001), value(2, 1))).isEqualTo(ReadClass.STALE);
    small.auditDuringRun(key -> completed(key == 2 ? value(2, 1) : null));
    assertThat(small.readReturned(0, 2, ms(2000), ms(2001), value(2, 1))).isEqualTo(ReadClass.FRESH);
    assertThat(small.audit(key -> key == 2 ? value(2, 1) : null).versionsLost()).isEqualTo(4);
  }

  /** Deletes the key as its next version, sent at sent ms and acknowledged at acked ms. */
  private long delete(int key, long sent, long acked) {
    long version = checker.nextVersion(key);
    checker.deleteSent(key, version, ms(sent));
    checker.writeAcked(key, version, ms(acked));
    return version;
  }

  @Test
  void afterADelete_findingNothingIsFresh_andTheOldValueIsStale() {
    write(3, 0, 1);
    delete(3, 100, 110);
    assertThat(checker.readReturned(0, 3, ms(200), ms(201), null)).isEqualTo(ReadClass.FRESH);
    assertThat(checker.check(0, 3, ms(200), ms(201), value(3, 1)).staleAgeNanos()).isEqualTo(ms(90));
  }

  @Test
  void aWriteAfterADelete_makesFindingNothingStale() {
    write(3, 0, 1);
    delete(3, 100, 110);
    write(3, 300, 310);
    ReadVerdict verdict = checker.check(0, 3, ms(400), ms(401), null);
    assertThat(verdict.readClass()).isEqualTo(ReadClass.STALE);
    assertThat(verdict.staleAgeNanos()).isEqualTo(ms(90));
  }

  @Test
  void findingNothing_beforeADeleteWasSent_isStillJudgedAgainstTheValueBefore() {
    write(3, 0, 1);
    long v2 = write(3, 10, 11);
    assertThat(v2).isEqualTo(2);
    long v3 = checker.nextVersion(3);
    checker.deleteSent(3, v3, ms(500)); // sent after the read below ended
    assertThat(checker.check(0, 3, ms(100), ms(101), null).staleAgeNanos())
        .as("no delete had been sent: nothing found is version 0, behind v1 since 1 ms").isEqualTo(ms(99));
  }

  @Test
  void audit_countsADeletedKeyAsHoldingItsDelete() {
    write(4, 0, 1);
    delete(4, 10, 11);
    write(5, 0, 1);
    delete(5, 10, 11);
    write(5, 20, 21); // v3 acknowledged, then lost: the primary has nothing
    ConsistencyChecker.LostWrites audit = checker.audit(key -> null);
    assertThat(audit.lost()).containsExactly(new ConsistencyChecker.LostKey(5, 2, 3, 1));
  }

  /** Held-read outcomes, as "violation key:ageMs" and "excused key:ageMs". */
  private final List<String> outcomes = new ArrayList<>();

  private void holdFor(long windowMillis) {
    checker.holdViolations(Duration.ofMillis(windowMillis), 100, new ConsistencyChecker.HeldReadListener() {
      @Override
      public void violation(int key, long ageNanos) {
        outcomes.add("violation " + key + ":" + ageNanos / 1_000_000);
      }

      @Override
      public void excused(int key, long ageNanos) {
        outcomes.add("excused " + key + ":" + ageNanos / 1_000_000);
      }
    });
  }

  @Test
  void aHeldViolation_thatMissedOnlyLostWrites_isExcusedByTheAudit() {
    holdFor(5_000);
    write(6, 0, 1); // v1 survives
    write(6, 10, 11); // v2 lost in a failover
    ReadVerdict read = checker.check(0, 6, ms(500), ms(501), value(6, 1)); // 489 ms behind v2: beyond 40 ms
    assertThat(read.held()).isTrue();
    assertThat(checker.report().violations()).as("held, not counted yet").isZero();

    checker.auditDuringRun(key -> completed(key == 6 ? value(6, 1) : null));
    assertThat(outcomes).containsExactly("excused 6:489");
    ConsistencyChecker.CheckerReport report = checker.report();
    assertThat(report.violations()).isZero();
    assertThat(report.staleAfterLostWrites()).isEqualTo(1);
    assertThat(report.stale()).isEqualTo(1);
    assertThat(report.stalenessAgeMicros().getTotalCount()).isZero();
  }

  @Test
  void aHeldViolation_thatAlsoMissedASurvivingWrite_isConfirmedWhenItsTimeIsUp() {
    holdFor(1_000);
    write(7, 0, 1); // v1
    write(7, 10, 11); // v2 survives
    write(7, 20, 21); // v3 lost
    checker.check(0, 7, ms(500), ms(501), value(7, 1)); // missed v2 and v3
    checker.auditDuringRun(key -> completed(key == 7 ? value(7, 2) : null));
    assertThat(outcomes).isEmpty();
    checker.confirmHeld(ms(1_400));
    assertThat(outcomes).as("held 900 ms of a 1000 ms window").isEmpty();
    checker.confirmHeld(ms(1_500));
    assertThat(outcomes).containsExactly("violation 7:489");
    assertThat(checker.report().violations()).isEqualTo(1);
    assertThat(checker.report().stalenessAgeMicros().getMaxValue()).isCloseTo(489_000L, withinPercentage(0.1));
  }

  @Test
  void stopHolding_confirmsWhatIsHeld_andLaterViolationsCountAtOnce() {
    holdFor(60_000);
    write(8, 0, 1);
    write(8, 10, 11);
    checker.check(0, 8, ms(500), ms(501), value(8, 1));
    checker.stopHolding();
    assertThat(outcomes).containsExactly("violation 8:489");
    assertThat(checker.check(0, 8, ms(600), ms(601), value(8, 1)).held()).isFalse();
    assertThat(checker.report().violations()).isEqualTo(2);
  }

  @Test
  void staleReadsWithinTheBound_areNeverHeld() {
    holdFor(60_000);
    write(9, 0, 1);
    write(9, 10, 11);
    assertThat(checker.check(0, 9, ms(30), ms(31), value(9, 1)).held()).isFalse(); // 19 ms < 40 ms
  }

  @Test
  void aWriteThatReplacedAnOlderVersionThanAcknowledged_provesTheVersionsBetweenLost() {
    holdFor(5_000);
    write(6, 0, 1); // v1 survives
    write(6, 10, 11); // v2: acknowledged by a primary that then lost it
    checker.check(0, 6, ms(500), ms(501), value(6, 1)); // held: behind v2 by 489 ms
    long v3 = write(6, 600, 601); // on the new primary, before any audit; it replaced v1
    checker.writeReplaced(6, v3, value(6, 1));
    assertThat(outcomes).containsExactly("excused 6:489");
    assertThat(checker.audit(key -> key == 6 ? value(6, 3) : null).versionsLost()).isEqualTo(1);
  }

  @Test
  void aWriteThatReplacedItsPredecessor_provesNothingLost() {
    write(6, 0, 1);
    long v2 = write(6, 10, 11);
    checker.writeReplaced(6, v2, value(6, 1));
    assertThat(checker.readReturned(0, 6, ms(500), ms(501), value(6, 1))).isEqualTo(ReadClass.STALE);
    assertThat(checker.audit(key -> key == 6 ? value(6, 2) : null).versionsLost()).isZero();
  }

  @Test
  void aForeignReadOfThePreloadedVersion_isFresh_andOfAVersionNotAcknowledgedYet_concurrent() {
    assertThat(checker.checkForeign(7, ms(10), ms(11), value(7, 1)).readClass()).isEqualTo(ReadClass.FRESH);
    assertThat(checker.checkForeign(7, ms(10), ms(11), value(7, 2)).readClass()).isEqualTo(ReadClass.CONCURRENT);
    checker.foreignWriteAcked(7, 2, ms(5));
    assertThat(checker.checkForeign(7, ms(10), ms(11), value(7, 1)).readClass()).isEqualTo(ReadClass.STALE);
    assertThat(checker.checkForeign(7, ms(10), ms(11), null).readClass()).isEqualTo(ReadClass.UNJUDGED);
  }

  @Test
  void aWriteThatReplacedANewerVersion_isCountedOutOfOrder() {
    write(4, 0, 1);
    long v2 = write(4, 10, 11);
    long v3 = write(4, 10, 12); // taken after v2, but reached Redis first
    checker.writeReplaced(4, v3, value(4, 1));
    checker.writeReplaced(4, v2, value(4, 3));
    assertThat(checker.report().writesOutOfOrder()).isEqualTo(1);
  }

  @Test
  void writesThatReplacedTheirPredecessors_areInOrder() {
    write(4, 0, 1);
    long v2 = write(4, 10, 11);
    checker.writeReplaced(4, v2, value(4, 1));
    assertThat(checker.report().writesOutOfOrder()).isZero();
  }

  @Test
  void aClientReadingTheWrongNode_isNotExcused_whenThePrimaryHasWhatItMissed() {
    holdFor(1_000);
    write(5, 0, 1);
    write(5, 10, 11); // v2 is on the real primary; the client reads a node that never got it
    checker.check(0, 5, ms(500), ms(501), value(5, 1));
    ConsistencyChecker.LostWrites audit = checker.auditDuringRun(key -> completed(key == 5 ? value(5, 2) : null));
    assertThat(audit.versionsLost()).isZero();
    checker.confirmHeld(ms(1_600));
    assertThat(outcomes).containsExactly("violation 5:489");
  }
}

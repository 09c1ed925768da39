package io.tracklab.simulations.protocol;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.core.CoreComponents;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import scala.Option;
import scala.collection.immutable.List;
import scala.collection.immutable.Nil$;

/**
 * Everything a run writes into Gatling's simulation.log goes through here: operations and
 * measurements as requests, each kind (name, and OK or KO apart, so failures are never crowded
 * out) within its {@link ReportSampler} budget. Records carry no group: a group adds a record of
 * its own per operation.
 */
final class ReportRecords {
  /**
   * The name of a record logged once at the start, so the report's table of requests says what
   * its counts are: a sample, or every operation.
   */
  static String label(int perSecond) {
    return perSecond == 0 ? "(every operation is a request here)"
        : "(a sample: about " + perSecond + " requests a second of each kind; counts: result.json)";
  }

  private final CoreComponents core;
  private final ReportSampler sampler;
  private final Map<String, ReportSampler.Kind[]> kinds = new ConcurrentHashMap<>();

  ReportRecords(CoreComponents core, ReportSampler sampler) {
    this.core = core;
    this.sampler = sampler;
  }

  @SuppressWarnings("unchecked")
  static List<String> noGroups() {
    return (List<String>) (List<?>) Nil$.MODULE$;
  }

  /**
   * A record of {@code name} from {@code startMillis} to {@code endMillis} (Gatling's clock), if
   * its kind's budget lets it; {@code endNanos} places it in its second.
   *
   * @param failure null for OK, the message for KO
   */
  void log(String scenario, String name, long startMillis, long endMillis, long endNanos, String failure) {
    ReportSampler.Kind[] okAndKo = kinds.computeIfAbsent(name, n -> new ReportSampler.Kind[] {sampler.kind(), sampler.kind()});
    if (okAndKo[failure == null ? 0 : 1].take(endNanos)) {
      always(scenario, name, startMillis, endMillis, failure);
    }
  }

  /** A record that is always kept: few, and each one matters (a fault step, a gate's verdict). */
  void always(String scenario, String name, long startMillis, long endMillis, String failure) {
    core.statsEngine().logResponse(scenario, noGroups(), name, startMillis, endMillis,
        failure == null ? OK$.MODULE$ : KO$.MODULE$, Option.empty(), Option.apply(failure));
  }
}

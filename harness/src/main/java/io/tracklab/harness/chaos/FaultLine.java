package io.tracklab.harness.chaos;

import io.tracklab.harness.config.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one line of a fault schedule (DESIGN.md 5):
 *
 * <pre>
 * at &lt;time&gt; [for &lt;duration&gt;]: &lt;fault&gt;
 *
 *   latency 50ms [jitter 5ms] [upstream|downstream|both] on primary
 *   bandwidth 64KB/s [direction] on primary
 *   timeout 2s [direction] on primary
 *   partition primary                 (timeout 0 both ways: silent, connections stay open)
 *   reset [after 100ms] [direction] on primary     (TCP RST, toxiproxy reset_peer)
 *   slow-close 1s [direction] on primary
 *   disable primary                   (proxy refuses and closes connections)
 *   kill primary | pause primary      (SIGKILL, restarted at heal | SIGSTOP, SIGCONT at heal)
 *   sentinel failover
 *   cluster failover node-4
 *   migrate slot 1234 [to node-2]
 *   swapdb [with 1]                   (SWAPDB 0 1 on the primary: Redis announces nothing)
 *   flushall [async] | flushdb [async]  (on every primary: Redis sends the null invalidation)
 *   tracking-table-max-keys 100 [on] primary   (CONFIG SET, the old value put back at heal)
 *   kill-connections pubsub|normal [on] primary (CLIENT KILL TYPE: only those connections close)
 * </pre>
 *
 * <p>Any toxic may end with {@code via injector-2}: in a distributed run it then acts on that
 * injector's own link to the node only, not on the proxy every client shares (docs/distributed.md).
 *
 * <p>Toxics default to {@code downstream} (Redis to client), except partition ({@code both}).
 * A node is a name of the topology or {@code current-primary}, resolved when the fault fires.
 * {@code on} before a node is optional; text in parentheses and after {@code #} is ignored.
 */
final class FaultLine {
  static final String CURRENT_PRIMARY = "current-primary";
  private static final Pattern LINE = Pattern.compile(
      "at\\s+(\\S+)(?:\\s+for\\s+(\\S+))?\\s*:\\s*(.*)", Pattern.CASE_INSENSITIVE);

  private final List<String> tokens;
  private int next;

  private FaultLine(List<String> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text} (comments and parentheses already removed, not blank). */
  static ScheduledFault parse(String text) {
    Matcher matcher = LINE.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("expected \"at <time> [for <duration>]: <fault>\"");
    }
    Duration at = DurationText.parse("the time after \"at\"", matcher.group(1));
    Duration duration = matcher.group(2) == null ? null : DurationText.parse("the duration after \"for\"", matcher.group(2));
    if (duration != null && duration.isZero()) {
      throw new IllegalArgumentException("\"for 0\" would heal the fault as it starts; leave \"for\" out to last until the end");
    }
    String fault = matcher.group(3).trim();
    if (fault.isEmpty()) {
      throw new IllegalArgumentException("no fault after the colon");
    }
    FaultLine line = new FaultLine(new ArrayList<>(Arrays.asList(fault.split("\\s+"))));
    return new ScheduledFault(at, duration, line.fault(), text.trim());
  }

  private Fault fault() {
    String kind = word("a fault kind");
    Fault fault = switch (kind) {
      case "latency" -> {
        Duration latency = duration("the latency");
        Duration jitter = accept("jitter") ? duration("the jitter") : Duration.ZERO;
        ToxicFault.Direction direction = direction(ToxicFault.Direction.DOWNSTREAM);
        yield new ToxicFault("latency", node(), direction, latency, 0, jitter, via());
      }
      case "bandwidth" -> {
        long rate = kilobytesPerSecond();
        ToxicFault.Direction direction = direction(ToxicFault.Direction.DOWNSTREAM);
        yield new ToxicFault("bandwidth", node(), direction, Duration.ZERO, rate, Duration.ZERO, via());
      }
      case "timeout", "slow-close" -> {
        Duration amount = duration("the " + kind + " delay");
        ToxicFault.Direction direction = direction(ToxicFault.Direction.DOWNSTREAM);
        yield new ToxicFault(kind, node(), direction, amount, 0, Duration.ZERO, via());
      }
      case "partition" -> new ToxicFault("partition", node(), ToxicFault.Direction.BOTH, Duration.ZERO, 0, Duration.ZERO,
          via());
      case "reset" -> {
        Duration after = accept("after") ? duration("the reset delay") : Duration.ZERO;
        ToxicFault.Direction direction = direction(ToxicFault.Direction.DOWNSTREAM);
        yield new ToxicFault("reset", node(), direction, after, 0, Duration.ZERO, via());
      }
      case "disable" -> new ProxyDisableFault(node());
      case "kill", "pause" -> new ProcessFault(kind, node());
      case "sentinel" -> {
        expect("failover");
        yield new FailoverFault("sentinel-failover", null);
      }
      case "cluster" -> {
        expect("failover");
        yield new FailoverFault("cluster-failover", node());
      }
      case "migrate" -> {
        expect("slot");
        int slot = integer("the slot");
        yield new SlotMigrationFault(slot, accept("to") ? word("the node to move it to") : null);
      }
      case "swapdb" -> new SwapDbFault(accept("with") ? integer("the database to swap with 0") : 1);
      case "flushall", "flushdb" -> new FlushFault(kind.equals("flushall"), accept("async"));
      case ConnectionKillFault.KIND -> {
        String type = word("the connection type (pubsub or normal)");
        yield new ConnectionKillFault(type, node());
      }
      case TrackingTableFault.PARAMETER -> {
        int keys = integer("the table's size");
        yield new TrackingTableFault(node(), keys);
      }
      default -> throw new IllegalArgumentException("unknown fault \"" + kind + "\"; known: latency, bandwidth, "
          + "timeout, partition, reset, slow-close, disable, kill, pause, sentinel failover, cluster failover, "
          + "migrate slot, swapdb, flushall, flushdb, tracking-table-max-keys, kill-connections");
    };
    if (next < tokens.size()) {
      throw new IllegalArgumentException("unexpected \"" + String.join(" ", tokens.subList(next, tokens.size()))
          + "\" after the " + fault.kind() + " fault");
    }
    return fault;
  }

  private String word(String what) {
    if (next >= tokens.size()) {
      throw new IllegalArgumentException("missing " + what);
    }
    return tokens.get(next++).toLowerCase(Locale.ROOT);
  }

  private boolean accept(String word) {
    if (next < tokens.size() && tokens.get(next).equalsIgnoreCase(word)) {
      next++;
      return true;
    }
    return false;
  }

  private void expect(String word) {
    if (!accept(word)) {
      throw new IllegalArgumentException("expected \"" + word + "\" after \"" + tokens.get(next - 1) + "\"");
    }
  }

  private Duration duration(String what) {
    return DurationText.parse(what, word(what));
  }

  private int integer(String what) {
    String text = word(what);
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + " is not a whole number: \"" + text + "\"");
    }
  }

  /** {@code 64KB/s} or {@code 64kbps} (Toxiproxy's bandwidth unit is KB/s). */
  private long kilobytesPerSecond() {
    String text = word("the bandwidth");
    Matcher matcher = Pattern.compile("(\\d+)(kb/s|kbps)").matcher(text);
    if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
      throw new IllegalArgumentException("the bandwidth is written like 64KB/s, got \"" + text + "\"");
    }
    return Long.parseLong(matcher.group(1));
  }

  private ToxicFault.Direction direction(ToxicFault.Direction fallback) {
    for (ToxicFault.Direction direction : ToxicFault.Direction.values()) {
      if (accept(direction.name())) {
        return direction;
      }
    }
    return fallback;
  }

  /** {@code via injector-<n>} after a toxic's node, or null. */
  private String via() {
    if (!accept("via")) {
      return null;
    }
    String injector = word("the injector after \"via\" (injector-1, injector-2, ...)");
    if (!injector.matches("injector-[1-9][0-9]*")) {
      throw new IllegalArgumentException("\"via\" names one injector of a distributed run, like injector-2; got \""
          + injector + "\"");
    }
    return injector;
  }

  private String node() {
    accept("on");
    if (next >= tokens.size()) {
      throw new IllegalArgumentException("missing the node (a node name of the topology, or " + CURRENT_PRIMARY + ")");
    }
    return tokens.get(next++);
  }
}

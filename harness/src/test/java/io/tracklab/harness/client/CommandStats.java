package io.tracklab.harness.client;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Redis node has executed, from {@code INFO commandstats}: how the adapters' ITs prove a hit sent nothing. */
final class CommandStats {
  private static final Pattern GET = Pattern.compile("(?m)^cmdstat_get:calls=(\\d+),");

  private CommandStats() {}

  /** GETs {@code node} has executed since it started (or since CONFIG RESETSTAT). */
  static long getsServed(RedisCommands<String, String> node) {
    Matcher calls = GET.matcher(node.info("commandstats"));
    return calls.find() ? Long.parseLong(calls.group(1)) : 0;
  }
}

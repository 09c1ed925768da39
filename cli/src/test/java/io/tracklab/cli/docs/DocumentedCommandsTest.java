package io.tracklab.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command a page shows (a line of a shell block in README.md or docs/*.md) is in
 * {@code .ci/documented-commands.tsv}, which says how CI runs it ({@code .ci/documented-commands},
 * after the tests), or which test covers it, or why a person runs it and CI does not; and the
 * list holds nothing the pages no longer show. A command added to a page fails here until CI
 * knows what to do with it.
 */
class DocumentedCommandsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern COMMAND = Pattern.compile("^(\\./mvnw|bin/|java |docker |mkdir |git |cp |TRACKLAB_)");
  private static final Set<String> SHELL = Set.of("", "sh", "bash", "shell");

  record Entry(String command, String mode, String detail) {}

  /** The commands of the shell blocks of {@code page}, continuation lines joined, comments cut. */
  static List<String> commands(List<String> lines) {
    List<String> commands = new ArrayList<>();
    boolean inBlock = false;
    boolean shell = false;
    StringBuilder pending = null;
    for (String line : lines) {
      if (line.startsWith("```")) {
        shell = !inBlock && SHELL.contains(line.substring(3).trim());
        inBlock = !inBlock;
        continue;
      }
      if (!inBlock || !shell) {
        continue;
      }
      String text = line.strip();
      if (pending != null) {
        pending.append(' ').append(text);
      } else if (COMMAND.matcher(text).find()) {
        pending = new StringBuilder(text);
      } else {
        continue;
      }
      if (pending.toString().endsWith("\\")) {
        pending.setLength(pending.length() - 1);
        pending = new StringBuilder(pending.toString().strip());
        continue;
      }
      commands.add(withoutComment(pending.toString()));
      pending = null;
    }
    return commands;
  }

  /** Cuts a trailing {@code # comment} (a {@code #} after a blank, outside quotes). */
  static String withoutComment(String command) {
    boolean quoted = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && i > 0 && Character.isWhitespace(command.charAt(i - 1))) {
        return command.substring(0, i).strip().replaceAll("\\s+", " ");
      }
    }
    return command.strip().replaceAll("\\s+", " ");
  }

  static Map<String, Entry> manifest() throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (String line : Files.readAllLines(ROOT.resolve(".ci/documented-commands.tsv"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] columns = line.split("\t");
      assertThat(columns).as("three tab-separated columns: %s", line).hasSize(3);
      assertThat(entries.put(columns[0], new Entry(columns[0], columns[1], columns[2]))).as("listed twice: %s", line)
          .isNull();
    }
    return entries;
  }

  private static Set<String> documented() throws IOException {
    Set<String> commands = new LinkedHashSet<>(commands(Files.readAllLines(ROOT.resolve("README.md"))));
    try (Stream<Path> pages = Files.list(ROOT.resolve("docs"))) {
      for (Path page : pages.filter(path -> path.toString().endsWith(".md")).sorted().toList()) {
        commands.addAll(commands(Files.readAllLines(page)));
      }
    }
    return commands;
  }

  @Test
  void everyDocumentedCommand_isListed_andEveryListedOneIsDocumented() throws IOException {
    Set<String> documented = documented();
    Set<String> listed = manifest().keySet();

    assertThat(documented).as("commands the pages show that .ci/documented-commands.tsv does not list")
        .isSubsetOf(listed);
    assertThat(listed).as("commands .ci/documented-commands.tsv lists that no page shows any more")
        .isSubsetOf(documented);
  }

  @Test
  void everyEntry_saysHowCiRunsIt_orWhyNot() throws IOException {
    assertThat(manifest().values()).isNotEmpty().allSatisfy(entry -> {
      assertThat(entry.mode()).as(entry.command()).isIn("run", "covered", "manual");
      if (entry.mode().equals("run")) {
        assertThat(entry.detail()).as("exit codes, then the command: %s", entry.command())
            .matches("[0-9]+(,[0-9]+)* .+");
        String program = entry.command().split(" ")[0];
        assertThat(entry.detail()).as("runs the documented program: %s", entry.command()).contains(program);
      } else {
        assertThat(entry.detail()).as("why: %s", entry.command()).isNotBlank();
      }
    });
  }

  @Test
  void commandsAreReadAsAShellWouldShowThem() {
    assertThat(commands(List.of("```sh", "./mvnw gatling:test   # the main job", "bin/tracklab run \\",
        "    --duration 5s x", "echo not a command", "```", "```java", "bin/tracklab in java", "```",
        "```", "bin/tracklab run -Dfaults=\"a # b\" # c", "```")))
        .containsExactly("./mvnw gatling:test", "bin/tracklab run --duration 5s x", "bin/tracklab run -Dfaults=\"a # b\"");
  }
}

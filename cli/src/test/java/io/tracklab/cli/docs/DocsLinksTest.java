package io.tracklab.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door and the reference lives in docs/: every link between them (and to
 * the repository's files) must lead somewhere, anchors included, or a moved section is lost.
 */
class DocsLinksTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#+ (.*)$");
  /** A front door, not the reference: about 200 lines at most. */
  private static final int README_MAX_LINES = 200;

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      pages.addAll(docs.filter(path -> path.toString().endsWith(".md")).sorted().toList());
    }
    return pages;
  }

  /** GitHub's anchor for a heading: lower case, punctuation other than - and _ dropped, spaces as -. */
  static String anchor(String heading) {
    return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    boolean code = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        code = !code;
      }
      Matcher heading = HEADING.matcher(line);
      if (!code && heading.matches()) {
        anchors.add(anchor(heading.group(1)));
      }
    }
    return anchors;
  }

  @Test
  void everyRelativeLink_leadsToAFileAndHeadingThatExist() throws IOException {
    List<String> broken = new ArrayList<>();
    int links = 0;
    for (Path page : pages()) {
      boolean code = false;
      for (String line : Files.readAllLines(page)) {
        if (line.startsWith("```")) {
          code = !code;
        }
        if (code) {
          continue;
        }
        Matcher link = LINK.matcher(line);
        while (link.find()) {
          String target = link.group(1);
          if (target.matches("[a-z]+:.*")) {
            continue; // https:, mailto:
          }
          links++;
          int hash = target.indexOf('#');
          String file = hash < 0 ? target : target.substring(0, hash);
          Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
          String where = ROOT.relativize(page) + ": " + target;
          if (!Files.exists(linked)) {
            broken.add(where + " (no such file)");
          } else if (hash >= 0 && !anchors(linked).contains(target.substring(hash + 1))) {
            broken.add(where + " (no such heading in " + ROOT.relativize(linked) + ")");
          }
        }
      }
    }
    assertThat(links).as("links checked").isGreaterThan(20);
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void theReadme_staysAFrontDoor_andLinksEveryPageOfDocs() throws IOException {
    List<String> readme = Files.readAllLines(ROOT.resolve("README.md"));
    assertThat(readme.size()).as("README.md lines (the reference belongs in docs/)").isLessThanOrEqualTo(README_MAX_LINES);
    String text = String.join("\n", readme);
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      assertThat(docs.filter(path -> path.toString().endsWith(".md")).map(path -> "](docs/" + path.getFileName() + ")"))
          .as("every page of docs/ one link from the README").allSatisfy(link -> assertThat(text).contains(link));
    }
  }

  @Test
  void anchorsAreGitHubs() {
    assertThat(anchor("Side by side: which near-cache to trust under faults"))
        .isEqualTo("side-by-side-which-near-cache-to-trust-under-faults");
    assertThat(anchor("The coordination protocol (version 1)")).isEqualTo("the-coordination-protocol-version-1");
    assertThat(anchor("`gates`")).isEqualTo("gates");
  }
}

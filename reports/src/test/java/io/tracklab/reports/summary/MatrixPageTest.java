package io.tracklab.reports.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.tracklab.reports.compare.SyntheticRun;
import io.tracklab.reports.matrix.MatrixCell;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixPageTest {
  @Test
  void thePage_hasEveryCellsRow_marksReadsBeyondTheBound_andLinksEachRunsSummary() {
    MatrixCell ours = new MatrixCell("silent-partition", "tracklab", MatrixCell.Status.PASSED,
        SyntheticRun.baseline().result(), "", "silent-partition-tracklab-1/summary.html");
    MatrixCell ttl = new MatrixCell("silent-partition", "ttl", MatrixCell.Status.GATES_FAILED,
        SyntheticRun.baseline().client("ttl").counter("violations", 321).result(), "staleness beyond bound",
        "silent-partition-ttl-1/summary.html");
    MatrixCell unsupported = new MatrixCell("slot-migration", "lettuce-csc", MatrixCell.Status.UNSUPPORTED, null,
        "no <Cluster> support", null);

    String html = MatrixPage.render(List.of(ours, ttl, unsupported), List.of("Machine: test & co"));

    assertThat(html).contains("<p class=\"note\">Machine: test &amp; co</p>");
    assertThat(html).contains("<a href=\"silent-partition-tracklab-1/summary.html\">tracklab</a>",
        "<a href=\"silent-partition-ttl-1/summary.html\">ttl</a>");
    assertThat(html).contains("<td class=\"alarm\">321</td>");
    assertThat(html).doesNotContain("<td class=\"alarm\">0</td>");
    assertThat(html).contains("<td class=\"why\" colspan=\"13\">unsupported: no &lt;Cluster&gt; support</td>");
    assertThat(html).doesNotContain("<script", "http://", "https://");
  }
}

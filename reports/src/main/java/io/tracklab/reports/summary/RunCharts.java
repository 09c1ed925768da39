package io.tracklab.reports.summary;

import io.tracklab.harness.result.FaultRecord;
import io.tracklab.harness.result.MetricHistogram;
import io.tracklab.harness.result.RunResult;
import io.tracklab.harness.result.TimelinePoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The summary page's charts, drawn with JFreeChart into JFreeSVG at report time: SVG text the page
 * embeds, so it needs no script, no network and no plotting library in the browser.
 */
public final class RunCharts {
  private static final Color FAULT = new Color(230, 80, 60, 45);
  private static final Color FAILOVER = new Color(120, 40, 160);
  private static final Color[] SERIES = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
      new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75)};
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

  private RunCharts() {}

  /**
   * Throughput, hit ratio, stale reads and invalidation delay p99 per second on one time axis;
   * fault windows shaded and named, each measured failover marked where it completed.
   */
  public static String timeline(RunResult result) {
    NumberAxis time = new NumberAxis("seconds since the run started");
    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
    plot.setGap(8);
    XYPlot throughput = linePlot("operations/s", result, TimelinePoint::throughput, 0);
    XYPlot hits = linePlot("hit ratio %", result, point -> point.reads() == 0 ? Double.NaN : 100 * point.hitRatio(), 1);
    ((NumberAxis) hits.getRangeAxis()).setRange(0, 101);
    XYPlot stale = linePlot("stale reads/s", result, TimelinePoint::staleReads, 3);
    XYPlot delay = linePlot("invalidation p99 ms", result, point -> point.invalidationDelay() == null
        ? Double.NaN : point.invalidationDelay().percentiles().getOrDefault("p99", 0.0) / 1000, 4);
    for (XYPlot subplot : List.of(throughput, hits, stale, delay)) {
      markFaults(subplot, result, subplot == throughput);
      plot.add(subplot, 1);
    }
    JFreeChart chart = new JFreeChart(null, LABEL, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return svg(chart, 1100, 720);
  }

  private interface Figure {
    double of(TimelinePoint point);
  }

  private static XYPlot linePlot(String name, RunResult result, Figure figure, int color) {
    XYSeries series = new XYSeries(name, true, false);
    for (TimelinePoint point : result.timeline()) {
      double value = figure.of(point);
      series.add(point.second() + 0.5, Double.isNaN(value) ? null : value);
    }
    NumberAxis axis = new NumberAxis(name);
    axis.setLabelFont(LABEL);
    axis.setAutoRangeIncludesZero(true);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
    renderer.setSeriesPaint(0, SERIES[color]);
    renderer.setSeriesStroke(0, new BasicStroke(1.6f));
    XYPlot plot = new XYPlot(new XYSeriesCollection(series), null, axis, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    return plot;
  }

  private static void markFaults(XYPlot plot, RunResult result, boolean labelled) {
    double end = result.run().durationMillis() / 1000.0;
    for (FaultRecord fault : result.run().faults()) {
      double from = fault.startedAtMillis() / 1000.0;
      double to = fault.healedAtMillis() == null ? end : fault.healedAtMillis() / 1000.0;
      if (to - from < 0.2) {
        to = from + 0.2; // an instant (a failover, a migration) still shows
      }
      IntervalMarker window = new IntervalMarker(from, to, FAULT);
      if (labelled) {
        window.setLabel(fault.kind() + (fault.target() == null ? "" : " " + fault.target()));
        window.setLabelFont(LABEL);
        window.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        window.setLabelTextAnchor(TextAnchor.TOP_LEFT);
      }
      plot.addDomainMarker(window, Layer.BACKGROUND);
      Object failover = fault.parameters().get("failoverMillis");
      if (failover instanceof Number millis && millis.longValue() >= 0) {
        ValueMarker done = new ValueMarker((fault.startedAtMillis() + millis.longValue()) / 1000.0, FAILOVER,
            new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {4, 3}, 0));
        if (labelled) {
          done.setLabel("failover " + String.format(java.util.Locale.ROOT, "%.2f s", millis.longValue() / 1000.0));
          done.setLabelFont(LABEL);
          done.setLabelPaint(FAILOVER);
          done.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
          done.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        }
        plot.addDomainMarker(done, Layer.FOREGROUND);
      }
    }
  }

  /** A distribution (µs) as bars over 1-2-5 buckets, labelled in µs, ms or s. */
  public static String distribution(String title, MetricHistogram histogram) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    Histogram values = histogram.histogram();
    double toMicros = Durations.microsPer(histogram.unit());
    for (LogBins.Bin bin : LogBins.of(values)) {
      data.addValue(bin.count(), "reads", Durations.micros(bin.from() * toMicros) + "–" + Durations.micros(bin.to() * toMicros));
    }
    CategoryAxis buckets = new CategoryAxis(null);
    buckets.setTickLabelFont(LABEL);
    buckets.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    NumberAxis counts = new NumberAxis("count");
    counts.setLabelFont(LABEL);
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setSeriesPaint(0, SERIES[0]);
    CategoryPlot plot = new CategoryPlot(data, buckets, counts, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 13), plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    return svg(chart, 540, 320);
  }

  /** t-visibility curves, several runs overlaid: P(read returns the write or newer) against t. */
  public static String visibility(List<VisibilityCurve> curves) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (VisibilityCurve curve : curves) {
      XYSeries series = new XYSeries(curve.label(), true, false);
      for (VisibilityCurve.Point point : curve.points()) {
        series.add(point.toMicros() / 1000.0, point.visible());
      }
      data.addSeries(series);
    }
    LogAxis t = new LogAxis("t: time from a write's acknowledgement to a read's start, ms (bucket upper edge)");
    t.setLabelFont(LABEL);
    t.setSmallestValue(0.001);
    t.setTickUnit(new NumberTickUnit(1)); // one tick a decade: 0.01, 0.1, 1, 10 ms
    t.setNumberFormatOverride(new DecimalFormat("0.###"));
    NumberAxis probability = new NumberAxis("P(read returns that write or newer)");
    probability.setLabelFont(LABEL);
    probability.setRange(0, 1.02);
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < curves.size(); i++) {
      renderer.setSeriesPaint(i, SERIES[i % SERIES.length]);
      renderer.setSeriesStroke(i, new BasicStroke(1.8f));
    }
    XYPlot plot = new XYPlot(data, t, probability, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart = new JFreeChart(null, LABEL, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return svg(chart, 1100, 400);
  }

  private static String svg(JFreeChart chart, int width, int height) {
    SVGGraphics2D graphics = new SVGGraphics2D(width, height);
    chart.draw(graphics, new Rectangle(0, 0, width, height));
    return graphics.getSVGElement();
  }
}

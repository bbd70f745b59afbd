package org.example.genmat.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.io.OutputFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's PNG plots, drawn by JFreeChart (headless). */
final class Charts {

    static final int WIDTH = 900;
    static final int HEIGHT = 520;

    /** Line colours (Tableau 10): dark enough to read on white, distinct for six or more series; JFreeChart's default
     *  palette puts yellow and cyan on white. */
    private static final Color[] LINE_COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** Line chart of several named (x, y) series. */
    static void lines(Path png, String title, String xLabel, String yLabel, Map<String, double[][]> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            XYSeries s = new XYSeries(e.getKey(), false, true);
            double[][] xy = e.getValue();
            for (int i = 0; i < xy[0].length; i++) {
                if (Double.isFinite(xy[1][i])) {
                    s.add(xy[0][i], xy[1][i]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, LINE_COLOURS[i % LINE_COLOURS.length]);
        }
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        save(png, chart, WIDTH, HEIGHT);
    }

    /** Parity plot: x DFT, y prediction, with the diagonal. */
    static void parity(Path png, String title, double[] dft, double[] predicted) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries pts = new XYSeries("held-out DFT rows", false, true);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < dft.length; i++) {
            pts.add(dft[i], predicted[i]);
            lo = Math.min(lo, Math.min(dft[i], predicted[i]));
            hi = Math.max(hi, Math.max(dft[i], predicted[i]));
        }
        XYSeries diag = new XYSeries("y = x", false, true);
        diag.add(lo, lo);
        diag.add(hi, hi);
        data.addSeries(pts);
        data.addSeries(diag);
        JFreeChart chart = ChartFactory.createScatterPlot(title, "DFT formation energy (eV/atom)", "surrogate prediction (eV/atom)", data,
            PlotOrientation.VERTICAL, true, false, false);
        style(chart);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        r.setSeriesPaint(0, new Color(31, 119, 180, 150));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.DARK_GRAY);
        chart.getXYPlot().setRenderer(r);
        save(png, chart, 620, 600);
    }

    /**
     * Heat map: one row per label, one column per element; values are shares (each row sums to 1). Every map of a report
     * takes the same {@code scaleMax}, so that one colour means one share across the maps; the colours follow the square
     * root of the share, so that the many small shares stay visible beside a site held by one element.
     */
    static void heatMap(Path png, String title, List<String> rowLabels, String[] elements, double[][] rows, double scaleMax)
        throws IOException {
        DefaultXYZDataset data = new DefaultXYZDataset();
        int n = elements.length, m = rowLabels.size();
        double[] xs = new double[n * m], ys = new double[n * m], zs = new double[n * m];
        double max = Math.max(scaleMax, 1e-9);
        for (int r = 0; r < m; r++) {
            double sum = 0;
            for (double v : rows[r]) {
                sum += v;
            }
            for (int e = 0; e < n; e++) {
                int k = r * n + e;
                xs[k] = e;
                ys[k] = m - 1 - r;
                zs[k] = sum > 0 ? rows[r][e] / sum : 0;
            }
        }
        data.addSeries("share", new double[][] {xs, ys, zs});
        SymbolAxis x = new SymbolAxis("element", elements);
        x.setVerticalTickLabels(true);
        x.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        String[] labels = new String[m];
        for (int r = 0; r < m; r++) {
            labels[m - 1 - r] = rowLabels.get(r);
        }
        SymbolAxis y = new SymbolAxis("", labels);
        XYBlockRenderer renderer = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max, Color.WHITE);
        int steps = 40;
        for (int i = 0; i < steps; i++) {
            double t = (double) i / (steps - 1);
            scale.add(max * t * t, new Color((int) (255 - 227 * t), (int) (255 - 176 * t), (int) (255 - 75 * t)));
        }
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 14), plot, false);
        NumberAxis legendAxis = new NumberAxis("share of the site's elements");
        legendAxis.setRange(0, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        chart.setBackgroundPaint(Color.WHITE);
        save(png, chart, 1000, 80 + 40 * m + 60);
    }

    private static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot p = chart.getXYPlot();
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(220, 220, 220));
        p.setRangeGridlinePaint(new Color(220, 220, 220));
    }

    private static void save(Path png, JFreeChart chart, int w, int h) throws IOException {
        OutputFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, w, h));
    }
}

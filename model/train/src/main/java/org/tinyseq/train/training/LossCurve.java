package org.tinyseq.train.training;

import java.io.IOException;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws the training and validation loss per epoch as a PNG (XChart, headless). */
public final class LossCurve {
  private LossCurve() {}

  public static byte[] png(String title, List<EpochRecord> history) throws IOException {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(800)
            .height(500)
            .title(title)
            .xAxisTitle("epoch")
            .yAxisTitle("cross-entropy per target character")
            .build();
    double[] epochs = history.stream().mapToDouble(EpochRecord::epoch).toArray();
    double[] train = history.stream().mapToDouble(EpochRecord::trainLoss).toArray();
    double[] validation = history.stream().mapToDouble(EpochRecord::validationLoss).toArray();
    if (epochs.length == 0) {
      epochs = new double[] {0};
      train = new double[] {0};
      validation = new double[] {0};
    }
    chart.addSeries("training", epochs, train).setMarker(SeriesMarkers.CIRCLE);
    boolean hasValidation = false;
    for (double v : validation) {
      hasValidation |= Double.isFinite(v);
    }
    if (hasValidation) {
      chart.addSeries("validation", epochs, validation).setMarker(SeriesMarkers.DIAMOND);
    }
    return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
  }
}

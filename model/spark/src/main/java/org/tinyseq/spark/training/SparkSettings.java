package org.tinyseq.spark.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a run uses Spark.
 *
 * @param master the Spark master URL
 * @param workers tasks per round (the data-parallel width); normally the executor cores
 * @param averaging what is averaged across workers
 * @param averageEvery steps each worker takes between two parameter averagings (PARAMETERS only)
 * @param learningRateScaling how the workers' learning rate grows with their number (PARAMETERS
 *     only: gradient averaging is one process's arithmetic and keeps its rate)
 * @param aggregationDepth depth of {@code treeAggregate}
 * @param data the {@code --data} locations as given (remote ones are copied to the driver first)
 */
public record SparkSettings(
    String master,
    int workers,
    Averaging averaging,
    int averageEvery,
    LearningRateScaling learningRateScaling,
    int aggregationDepth,
    List<String> data) {
  public SparkSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
    }
    if (averageEvery < 1) {
      throw new IllegalArgumentException("--average-every must be >= 1, got " + averageEvery);
    }
    if (aggregationDepth < 1) {
      throw new IllegalArgumentException("aggregation depth must be >= 1");
    }
    data = List.copyOf(data);
  }

  /** What the workers multiply {@code --learning-rate} by. */
  public double learningRateFactor() {
    return averaging == Averaging.PARAMETERS ? learningRateScaling.factor(workers) : 1;
  }

  /** The manifest's {@code training.spark} entry. */
  public Map<String, Object> toMap(String sparkVersion) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sparkVersion", sparkVersion);
    m.put("master", master);
    m.put("workers", workers);
    m.put("averaging", averaging.name().toLowerCase(Locale.ROOT));
    if (averaging == Averaging.PARAMETERS) {
      m.put("averageEvery", averageEvery);
      m.put("learningRateScaling", learningRateScaling.name().toLowerCase(Locale.ROOT));
      m.put("learningRateFactor", learningRateFactor());
    }
    m.put("aggregationDepth", aggregationDepth);
    m.put("data", data);
    return m;
  }
}

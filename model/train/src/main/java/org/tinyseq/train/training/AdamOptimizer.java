package org.tinyseq.train.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.tinyseq.train.model.Parameters;

/**
 * Adam over named parameters, with global gradient-norm clipping, using ND4J's own Adam updater
 * (one state view per parameter). The state (first and second moments per parameter plus the step
 * count) is what a checkpoint saves, so a resumed run continues with the same moments.
 */
public final class AdamOptimizer {
  private final Adam config;
  private final double clipNorm;
  private final Map<String, INDArray> states = new LinkedHashMap<>();
  private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
  private int iteration;

  public AdamOptimizer(Parameters parameters, double learningRate, double clipNorm) {
    this.config = new Adam(learningRate);
    this.clipNorm = clipNorm;
    for (Map.Entry<String, INDArray> e : parameters.arrays().entrySet()) {
      INDArray state = Nd4j.zeros(DataType.FLOAT, 1, 2 * e.getValue().length());
      states.put(e.getKey(), state);
      updaters.put(e.getKey(), config.instantiate(state, true));
    }
  }

  /** Applies one update: {@code gradients} are consumed (overwritten). */
  public void step(Parameters parameters, Map<String, INDArray> gradients, int epoch) {
    double scale = 1.0;
    if (clipNorm > 0) {
      double squares = 0;
      for (INDArray g : gradients.values()) {
        double n = g.norm2Number().doubleValue();
        squares += n * n;
      }
      double norm = Math.sqrt(squares);
      if (norm > clipNorm) {
        scale = clipNorm / norm;
      }
    }
    for (Map.Entry<String, GradientUpdater<?>> e : updaters.entrySet()) {
      INDArray grad = gradients.get(e.getKey());
      if (grad == null) {
        continue; // a parameter this graph does not use
      }
      if (scale != 1.0) {
        grad.muli(scale);
      }
      e.getValue().applyUpdater(grad, iteration, epoch);
      parameters.get(e.getKey()).subi(grad);
    }
    iteration++;
  }

  public int iteration() {
    return iteration;
  }

  /** Sets the step count (model/spark: after steps taken on the workers). */
  public void setIteration(int steps) {
    iteration = steps;
  }

  /**
   * The live Adam state by parameter name, each [1, 2n]: first moments, then second moments. Read
   * or overwritten in place (model/spark ships and averages it across workers).
   */
  public Map<String, INDArray> moments() {
    return java.util.Collections.unmodifiableMap(states);
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(iteration);
    Parameters.writeArrays(states, out);
  }

  /** Restores moments and step count written by {@link #write}. */
  public void read(DataInputStream in) throws IOException {
    iteration = in.readInt();
    Map<String, INDArray> saved = Parameters.readArrays(in);
    for (Map.Entry<String, INDArray> e : states.entrySet()) {
      INDArray s = saved.get(e.getKey());
      if (s == null || s.length() != e.getValue().length()) {
        throw new IOException("checkpoint optimizer state does not match parameter " + e.getKey());
      }
      e.getValue().assign(s.reshape(e.getValue().shape()));
    }
  }
}

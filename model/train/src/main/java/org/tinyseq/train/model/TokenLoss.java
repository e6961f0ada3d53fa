package org.tinyseq.train.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The output layer's token-mean cross-entropy over a batch's counted labels, and its gradients,
 * shared by the hand-written backpropagations. Rows are time-major ({@code t·B + b}).
 */
final class TokenLoss {
  private final INDArray probabilities;
  private final int[] labels;
  private final float[] counted;
  private final int tokens;
  private final double loss;

  private TokenLoss(INDArray logits, Batch batch) {
    int b = batch.size();
    int tt = (int) batch.targetSteps();
    this.labels = timeMajor(batch.labels().toIntVector(), b, tt);
    this.counted = timeMajor(batch.labelMask().toFloatVector(), b, tt);
    this.probabilities = Transforms.softmax(logits, false);
    int n = 0;
    for (float c : counted) {
      n += c > 0 ? 1 : 0;
    }
    this.tokens = n;
    double sum = 0;
    for (int r = 0; r < labels.length; r++) {
      if (counted[r] > 0) {
        sum -= Math.log(Math.max(probabilities.getFloat(r, labels[r]), Float.MIN_NORMAL));
      }
    }
    this.loss = sum / tokens;
  }

  /**
   * Logits of {@code hidden} [Tt·B, H] through the decoder's output layer, and the loss of {@code
   * batch}'s labels.
   */
  static TokenLoss of(INDArray hidden, Parameters parameters, Batch batch) {
    INDArray logits =
        hidden
            .mmul(parameters.get(ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL))
            .addiRowVector(parameters.get(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS));
    return new TokenLoss(logits, batch);
  }

  double loss() {
    return loss;
  }

  int tokens() {
    return tokens;
  }

  /**
   * Puts the output layer's gradients into {@code grads} and returns d loss / d hidden. Consumes
   * the probabilities (call once).
   */
  INDArray backward(INDArray hidden, Parameters parameters, Map<String, INDArray> grads) {
    // d loss / d logits = (softmax − one-hot) · counted / tokens, in place of the probabilities.
    float[] weights = new float[counted.length];
    for (int r = 0; r < labels.length; r++) {
      if (counted[r] > 0) {
        probabilities.putScalar(r, labels[r], probabilities.getFloat(r, labels[r]) - 1f);
        weights[r] = counted[r] / tokens;
      }
    }
    INDArray dLogits =
        probabilities.muliColumnVector(Nd4j.createFromArray(weights).reshape(weights.length, 1));
    grads.put(
        ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL,
        Nd4j.gemm(hidden, dLogits, true, false));
    grads.put(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS, dLogits.sum(0));
    return Nd4j.gemm(
        dLogits,
        parameters.get(ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL),
        false,
        true);
  }

  static int[] timeMajor(int[] rowMajor, int b, int steps) {
    int[] out = new int[rowMajor.length];
    for (int r = 0; r < b; r++) {
      for (int t = 0; t < steps; t++) {
        out[t * b + r] = rowMajor[r * steps + t];
      }
    }
    return out;
  }

  static float[] timeMajor(float[] rowMajor, int b, int steps) {
    float[] out = new float[rowMajor.length];
    for (int r = 0; r < b; r++) {
      for (int t = 0; t < steps; t++) {
        out[t * b + r] = rowMajor[r * steps + t];
      }
    }
    return out;
  }

  /**
   * Per source step, a [B, 1] column of 1 (real step) / 0 (padding); null when no row is padded.
   */
  static INDArray[] sourceMasks(int[] lengths, int steps, int b) {
    boolean full = true;
    for (int len : lengths) {
      full &= len >= steps;
    }
    if (full) {
      return null;
    }
    INDArray[] masks = new INDArray[steps];
    for (int t = 0; t < steps; t++) {
      float[] m = new float[b];
      for (int r = 0; r < b; r++) {
        m[r] = t < lengths[r] ? 1f : 0f;
      }
      masks[t] = Nd4j.createFromArray(m).reshape(b, 1);
    }
    return masks;
  }
}

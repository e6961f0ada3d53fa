package org.tinyseq.train.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss and gradients of the LSTM encoder-decoder with teacher forcing (the default model), by
 * backpropagation through time written out on ND4J arrays.
 *
 * <p>Why not SameDiff's automatic differentiation: ND4J's fused {@code lstmLayer} op computes wrong
 * gradients in this release (off by 5-20% with equal-length rows, by more than the gradient itself
 * with per-row lengths, against finite differences: {@code GradientCheckTest}), and the LSTM
 * written out from basic SameDiff operations is exact but several times slower. Written out here,
 * the work has the shape cuDNN gives it: one matrix product for the input projections of all steps,
 * one per step for the recurrence forward and backward, one each for the weight gradients of all
 * steps, and element-wise gate arithmetic in between.
 *
 * <p>Layout: time-major rows ({@code t·B + b}). The gate blocks are the bundle's i, f, g, o. The
 * encoder's final state is the one at each row's last real step (rows shorter than the batch's
 * longest keep their state on padded steps); padded decoder steps need no mask, since their labels
 * do not count and nothing reads the decoder's final state.
 */
public final class LstmBackprop implements BatchGradients {
  private final ModelConfig config;
  private final Parameters parameters;
  private final int h;

  public LstmBackprop(ModelConfig config, Parameters parameters) {
    if (config.gru() || !config.teacherForcing()) {
      throw new IllegalArgumentException("LstmBackprop handles the LSTM with teacher forcing");
    }
    this.config = config;
    this.parameters = parameters;
    this.h = config.latentDim();
  }

  @Override
  public double loss(Batch batch) {
    return run(batch, false).loss();
  }

  @Override
  public LossAndGradients gradients(Batch batch) {
    return run(batch, true);
  }

  private LossAndGradients run(Batch batch, boolean backward) {
    int b = batch.size();
    int ts = (int) batch.sourceSteps();
    int tt = (int) batch.targetSteps();
    INDArray[] masks =
        batch.sourceRowsFull() ? null : sourceMasks(batch.sourceLength().toIntVector(), ts, b);

    Layer encoder = new Layer(ParameterNames.ENCODER, config.sourceVocabularySize());
    Layer decoder = new Layer(ParameterNames.DECODER, config.targetVocabularySize());
    INDArray zero = Nd4j.zeros(DataType.FLOAT, b, h);
    INDArray[] state =
        encoder.forward(
            timeMajor(batch.source().reshape(-1).toIntVector(), b, ts), b, zero, zero, masks);
    decoder.forward(
        timeMajor(batch.decoderInput().reshape(-1).toIntVector(), b, tt),
        b,
        state[0],
        state[1],
        null);

    // Output layer and token-mean cross-entropy over the counted labels.
    int[] labels = timeMajor(batch.labels().toIntVector(), b, tt);
    float[] counted = timeMajor(batch.labelMask().toFloatVector(), b, tt);
    INDArray outKernel = param(ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL);
    INDArray logits =
        decoder
            .outputs
            .mmul(outKernel)
            .addiRowVector(param(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS));
    INDArray probabilities = Transforms.softmax(logits, false);
    int tokens = 0;
    for (float c : counted) {
      tokens += c > 0 ? 1 : 0;
    }
    double loss = crossEntropy(probabilities, labels, counted) / tokens;
    if (!backward) {
      return new LossAndGradients(loss, Map.of(), tokens);
    }
    INDArray dLogits = logitGradients(probabilities, labels, counted, tokens);
    Map<String, INDArray> grads = new HashMap<>();
    grads.put(
        ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL,
        Nd4j.gemm(decoder.outputs, dLogits, true, false));
    grads.put(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS, dLogits.sum(0));
    INDArray dOutputs = Nd4j.gemm(dLogits, outKernel, false, true);

    INDArray[] dState = decoder.backward(dOutputs, zero, zero, grads);
    encoder.backward(null, dState[0], dState[1], grads);
    return new LossAndGradients(loss, grads, tokens);
  }

  private INDArray param(String name) {
    return parameters.get(name);
  }

  /** Summed −log p(label) over the counted rows. */
  private static double crossEntropy(INDArray probabilities, int[] labels, float[] counted) {
    double sum = 0;
    for (int r = 0; r < labels.length; r++) {
      if (counted[r] > 0) {
        sum -= Math.log(Math.max(probabilities.getFloat(r, labels[r]), Float.MIN_NORMAL));
      }
    }
    return sum;
  }

  /** d loss / d logits = (softmax − one-hot) · counted / tokens, in place of the probabilities. */
  private static INDArray logitGradients(
      INDArray probabilities, int[] labels, float[] counted, int tokens) {
    float[] weights = new float[counted.length];
    for (int r = 0; r < labels.length; r++) {
      if (counted[r] > 0) {
        probabilities.putScalar(r, labels[r], probabilities.getFloat(r, labels[r]) - 1f);
        weights[r] = counted[r] / tokens;
      }
    }
    return probabilities.muliColumnVector(Nd4j.createFromArray(weights).reshape(weights.length, 1));
  }

  /**
   * Per source step, a [B, 1] column of 1 (real step) / 0 (padding); null when no row is padded.
   */
  private static INDArray[] sourceMasks(int[] lengths, int steps, int b) {
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

  private static int[] timeMajor(int[] rowMajor, int b, int steps) {
    int[] out = new int[rowMajor.length];
    for (int r = 0; r < b; r++) {
      for (int t = 0; t < steps; t++) {
        out[t * b + r] = rowMajor[r * steps + t];
      }
    }
    return out;
  }

  private static float[] timeMajor(float[] rowMajor, int b, int steps) {
    float[] out = new float[rowMajor.length];
    for (int r = 0; r < b; r++) {
      for (int t = 0; t < steps; t++) {
        out[t * b + r] = rowMajor[r * steps + t];
      }
    }
    return out;
  }

  private static INDArray rows(INDArray m, int t, int b) {
    return m.get(interval((long) t * b, (long) (t + 1) * b), all());
  }

  private static INDArray block(INDArray m, int k, int h) {
    return m.get(all(), interval((long) k * h, (long) (k + 1) * h));
  }

  /** One LSTM over a batch: the forward pass keeps what the backward pass needs. */
  private final class Layer {
    private final String prefix;
    private final int vocabulary;
    private final INDArray kernel;
    private final INDArray recurrent;
    private final INDArray embedding;
    private int b;
    private int steps;
    private int[] ids;
    private INDArray inputs; // [steps·B, E] embedded inputs (null for one-hot inputs)
    private INDArray previous; // [steps·B, H] the state h each step started from
    private INDArray outputs; // [steps·B, H] h after each step
    private INDArray[] gates; // per step [B, 4H]: i, f, g, o after their activations
    private INDArray[] cellsBefore;
    private INDArray[] tanhCells;
    private INDArray[] masks;

    Layer(String prefix, int vocabulary) {
      this.prefix = prefix;
      this.vocabulary = vocabulary;
      this.kernel = param(prefix + ParameterNames.KERNEL);
      this.recurrent = param(prefix + ParameterNames.RECURRENT_KERNEL);
      this.embedding = config.embeddingDim() > 0 ? param(prefix + ParameterNames.EMBEDDING) : null;
    }

    /** Runs all steps from (h0, c0); returns the final (h, c). */
    INDArray[] forward(int[] ids, int b, INDArray h0, INDArray c0, INDArray[] masks) {
      this.b = b;
      this.steps = ids.length / b;
      this.ids = ids;
      this.masks = masks;
      INDArray projected;
      if (embedding != null) {
        inputs = Nd4j.pullRows(embedding, 1, ids);
        projected = inputs.mmul(kernel);
      } else {
        projected = Nd4j.pullRows(kernel, 1, ids); // one-hot × kernel = the kernel's rows
      }
      projected.addiRowVector(param(prefix + ParameterNames.BIAS));
      previous = Nd4j.create(DataType.FLOAT, (long) steps * b, h);
      outputs = Nd4j.create(DataType.FLOAT, (long) steps * b, h);
      gates = new INDArray[steps];
      cellsBefore = new INDArray[steps];
      tanhCells = new INDArray[steps];
      INDArray hs = h0;
      INDArray cs = c0;
      for (int t = 0; t < steps; t++) {
        INDArray z = rows(projected, t, b).dup();
        Nd4j.gemm(hs, recurrent, z, false, false, 1.0, 1.0);
        INDArray g = Transforms.tanh(block(z, 2, h), true);
        Transforms.sigmoid(z, false);
        block(z, 2, h).assign(g);
        INDArray cell = block(z, 1, h).mul(cs).addi(block(z, 0, h).mul(g));
        INDArray tanhCell = Transforms.tanh(cell, true);
        INDArray hidden = block(z, 3, h).mul(tanhCell);
        if (masks != null) {
          // Padded steps keep the previous state: s + m·(s' − s).
          hidden.subi(hs).muliColumnVector(masks[t]).addi(hs);
          cell.subi(cs).muliColumnVector(masks[t]).addi(cs);
        }
        rows(previous, t, b).assign(hs);
        rows(outputs, t, b).assign(hidden);
        gates[t] = z;
        cellsBefore[t] = cs;
        tanhCells[t] = tanhCell;
        hs = hidden;
        cs = cell;
      }
      return new INDArray[] {hs, cs};
    }

    /**
     * Backpropagates {@code dOutputs} (per step, may be null) and the gradients of the final state;
     * adds this layer's parameter gradients to {@code grads} and returns those of (h0, c0).
     */
    INDArray[] backward(
        INDArray dOutputs, INDArray dLastH, INDArray dLastC, Map<String, INDArray> grads) {
      INDArray dz = Nd4j.create(DataType.FLOAT, (long) steps * b, 4L * h);
      INDArray dh = dLastH;
      INDArray dc = dLastC;
      for (int t = steps - 1; t >= 0; t--) {
        if (dOutputs != null) {
          dh = dh.add(rows(dOutputs, t, b));
        }
        INDArray dhPass = null;
        INDArray dcPass = null;
        if (masks != null) {
          INDArray keep = masks[t].rsub(1.0);
          dhPass = dh.mulColumnVector(keep);
          dcPass = dc.mulColumnVector(keep);
          dh = dh.mulColumnVector(masks[t]);
          dc = dc.mulColumnVector(masks[t]);
        }
        INDArray z = gates[t];
        INDArray i = block(z, 0, h);
        INDArray f = block(z, 1, h);
        INDArray g = block(z, 2, h);
        INDArray o = block(z, 3, h);
        INDArray tanhCell = tanhCells[t];
        // dc += dh · o · (1 − tanh²c)
        INDArray dCell = dh.mul(o).muli(tanhCell.mul(tanhCell).rsubi(1.0)).addi(dc);
        INDArray dzt = rows(dz, t, b);
        block(dzt, 0, h).assign(dCell.mul(g).muli(i.mul(i.rsub(1.0))));
        block(dzt, 1, h).assign(dCell.mul(cellsBefore[t]).muli(f.mul(f.rsub(1.0))));
        block(dzt, 2, h).assign(dCell.mul(i).muli(g.mul(g).rsubi(1.0)));
        block(dzt, 3, h).assign(dh.mul(tanhCell).muli(o.mul(o.rsub(1.0))));
        dc = dCell.muli(f);
        dh = Nd4j.gemm(dzt, recurrent, false, true);
        if (masks != null) {
          dh.addi(dhPass);
          dc.addi(dcPass);
        }
      }
      grads.put(prefix + ParameterNames.RECURRENT_KERNEL, Nd4j.gemm(previous, dz, true, false));
      grads.put(prefix + ParameterNames.BIAS, dz.sum(0));
      if (embedding != null) {
        grads.put(prefix + ParameterNames.KERNEL, Nd4j.gemm(inputs, dz, true, false));
        INDArray dInputs = Nd4j.gemm(dz, kernel, false, true);
        grads.put(prefix + ParameterNames.EMBEDDING, scatterRows(dInputs));
      } else {
        grads.put(prefix + ParameterNames.KERNEL, scatterRows(dz));
      }
      return new INDArray[] {dh, dc};
    }

    /** Sums the rows of {@code perStep} [steps·B, W] into a [vocabulary, W] matrix by id. */
    private INDArray scatterRows(INDArray perStep) {
      int width = (int) perStep.size(1);
      float[] source = perStep.dup('c').data().asFloat();
      float[] out = new float[vocabulary * width];
      for (int r = 0; r < ids.length; r++) {
        int to = ids[r] * width;
        int from = r * width;
        for (int k = 0; k < width; k++) {
          out[to + k] += source[from + k];
        }
      }
      return Nd4j.createFromArray(out).reshape(vocabulary, width);
    }
  }
}

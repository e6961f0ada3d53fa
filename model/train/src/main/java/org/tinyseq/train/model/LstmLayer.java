package org.tinyseq.train.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One LSTM over a time-major batch (rows {@code t·B + b}), forward and backward through time on
 * ND4J arrays: one product for the input projections of all steps, one recurrent product per step,
 * one product each for the weight gradients. The forward pass keeps what the backward pass needs.
 * Gate blocks are the bundle's i, f, g, o.
 *
 * <p>Rows shorter than the batch's longest keep their state on padded steps (masks), so the final
 * state is each row's state after its last real step. Used by {@link LstmBackprop} (encoder and
 * decoder of the Keras design) and {@link AttentionBackprop} (both encoder directions).
 */
final class LstmLayer {
  private final Parameters parameters;
  private final String embeddingName;
  private final String kernelName;
  private final String recurrentName;
  private final String biasName;
  private final int h;
  private final int vocabulary;
  private final INDArray kernel;
  private final INDArray recurrent;
  private final INDArray embedding;
  private int b;
  private int steps;
  private int[] ids;
  private INDArray inputs; // [steps·B, E] embedded inputs, after dropout (null for one-hot inputs)
  private INDArray inputDropout; // [steps·B, E] dropout scale per input value, or null
  private INDArray previous; // [steps·B, H] the state h each step started from
  private INDArray outputs; // [steps·B, H] h after each step
  private INDArray[] gates; // per step [B, 4H]: i, f, g, o after their activations
  private INDArray[] cellsBefore;
  private INDArray[] tanhCells;
  private INDArray[] masks;

  /**
   * @param embeddingName the shared input embedding, or null for one-hot inputs
   * @param prefix graph prefix plus direction of the kernel, recurrent kernel and bias names
   * @param hidden H of this layer
   */
  LstmLayer(
      Parameters parameters, String embeddingName, String prefix, int hidden, int vocabulary) {
    this.parameters = parameters;
    this.embeddingName = embeddingName;
    this.kernelName = prefix + ParameterNames.KERNEL;
    this.recurrentName = prefix + ParameterNames.RECURRENT_KERNEL;
    this.biasName = prefix + ParameterNames.BIAS;
    this.h = hidden;
    this.vocabulary = vocabulary;
    this.kernel = parameters.get(kernelName);
    this.recurrent = parameters.get(recurrentName);
    this.embedding = embeddingName == null ? null : parameters.get(embeddingName);
  }

  /** [steps·B, H]: h after each step (on padded steps: the kept state). */
  INDArray outputs() {
    return outputs;
  }

  /**
   * Runs all steps from (h0, c0); returns the final (h, c).
   *
   * @param masks per step a [B, 1] column of 1 (real) / 0 (padded), or null when nothing is padded
   * @param dropout per embedded input value a scale (0 or 1/(1−p)), [steps·B, E], or null
   */
  INDArray[] forward(
      int[] ids, int b, INDArray h0, INDArray c0, INDArray[] masks, INDArray dropout) {
    this.b = b;
    this.steps = ids.length / b;
    this.ids = ids;
    this.masks = masks;
    this.inputDropout = embedding == null ? null : dropout;
    INDArray projected;
    if (embedding != null) {
      inputs = Nd4j.pullRows(embedding, 1, ids);
      if (inputDropout != null) {
        inputs.muli(inputDropout);
      }
      projected = inputs.mmul(kernel);
    } else {
      projected = Nd4j.pullRows(kernel, 1, ids); // one-hot × kernel = the kernel's rows
    }
    projected.addiRowVector(parameters.get(biasName));
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
      INDArray[] next = cell(z, cs, h);
      INDArray hidden = next[0];
      INDArray cell = next[1];
      if (masks != null) {
        // Padded steps keep the previous state: s + m·(s' − s).
        hidden.subi(hs).muliColumnVector(masks[t]).addi(hs);
        cell.subi(cs).muliColumnVector(masks[t]).addi(cs);
      }
      rows(previous, t, b).assign(hs);
      rows(outputs, t, b).assign(hidden);
      gates[t] = z;
      cellsBefore[t] = cs;
      tanhCells[t] = next[2];
      hs = hidden;
      cs = cell;
    }
    return new INDArray[] {hs, cs};
  }

  /**
   * The LSTM cell on pre-activations {@code z} [B, 4H] (replaced in place by the activated gates):
   * returns {h', c', tanh c'}.
   */
  static INDArray[] cell(INDArray z, INDArray c, int h) {
    INDArray g = Transforms.tanh(block(z, 2, h), true);
    Transforms.sigmoid(z, false);
    block(z, 2, h).assign(g);
    INDArray cell = block(z, 1, h).mul(c).addi(block(z, 0, h).mul(g));
    INDArray tanhCell = Transforms.tanh(cell, true);
    INDArray hidden = block(z, 3, h).mul(tanhCell);
    return new INDArray[] {hidden, cell, tanhCell};
  }

  /**
   * The gradient of the cell's pre-activations [B, 4H], written into {@code dz}, from the gradients
   * of its outputs h' and c'; returns the gradient of the previous c.
   */
  static INDArray cellBackward(
      INDArray z, INDArray cBefore, INDArray tanhCell, INDArray dh, INDArray dc, INDArray dz) {
    int h = (int) dh.size(1);
    INDArray i = block(z, 0, h);
    INDArray f = block(z, 1, h);
    INDArray g = block(z, 2, h);
    INDArray o = block(z, 3, h);
    // dc += dh · o · (1 − tanh²c)
    INDArray dCell = dh.mul(o).muli(tanhCell.mul(tanhCell).rsubi(1.0)).addi(dc);
    block(dz, 0, h).assign(dCell.mul(g).muli(i.mul(i.rsub(1.0))));
    block(dz, 1, h).assign(dCell.mul(cBefore).muli(f.mul(f.rsub(1.0))));
    block(dz, 2, h).assign(dCell.mul(i).muli(g.mul(g).rsubi(1.0)));
    block(dz, 3, h).assign(dh.mul(tanhCell).muli(o.mul(o.rsub(1.0))));
    return dCell.muli(f);
  }

  /**
   * Backpropagates {@code dOutputs} (per step, may be null) and the gradients of the final state;
   * adds this layer's parameter gradients to {@code grads} (the embedding's to what is there) and
   * returns those of (h0, c0).
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
      INDArray dzt = rows(dz, t, b);
      dc = cellBackward(gates[t], cellsBefore[t], tanhCells[t], dh, dc, dzt);
      dh = Nd4j.gemm(dzt, recurrent, false, true);
      if (masks != null) {
        dh.addi(dhPass);
        dc.addi(dcPass);
      }
    }
    grads.put(recurrentName, Nd4j.gemm(previous, dz, true, false));
    grads.put(biasName, dz.sum(0));
    if (embedding != null) {
      grads.put(kernelName, Nd4j.gemm(inputs, dz, true, false));
      INDArray dInputs = Nd4j.gemm(dz, kernel, false, true);
      if (inputDropout != null) {
        dInputs.muli(inputDropout);
      }
      grads.merge(embeddingName, scatterRows(ids, dInputs, vocabulary), INDArray::addi);
    } else {
      grads.put(kernelName, scatterRows(ids, dz, vocabulary));
    }
    return new INDArray[] {dh, dc};
  }

  /** Sums the rows of {@code perStep} [N, W] into a [vocabulary, W] matrix by {@code ids[N]}. */
  static INDArray scatterRows(int[] ids, INDArray perStep, int vocabulary) {
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

  static INDArray rows(INDArray m, int t, int b) {
    return m.get(interval((long) t * b, (long) (t + 1) * b), all());
  }

  static INDArray block(INDArray m, int k, int h) {
    return m.get(all(), interval((long) k * h, (long) (k + 1) * h));
  }
}

package org.tinyseq.train.model;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.tinyseq.train.model.LstmLayer.rows;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Loss and gradients of the attention model (docs/bundle-format.md, version 2): a bidirectional
 * LSTM encoder whose concatenated outputs are the memory bank, a concatenation bridge, and an LSTM
 * decoder with input feeding and Luong "general" attention, by backpropagation through time written
 * out on ND4J arrays like {@link LstmBackprop}.
 *
 * <p>Per decoder step the work is one product for the recurrence and the fed attentional vector
 * together ([ĥ_{t−1}, h_{t−1}]·[K_feed; R]), two small batched products for the scores and the
 * context, and one product for ĥ; the weight gradients of all steps are one product each at the
 * end. Keys m_s·A are computed once per batch. Rows are time-major ({@code t·B + b}) except the
 * memory bank, which is batch-major ({@code b·S + s}) so that it reshapes to [B, S, H] for the
 * batched products.
 *
 * <p>Dropout (training only, {@link ModelConfig#dropout()}): on the embedded inputs of all three
 * LSTMs and on the attentional vector ĥ, which then feeds both the output layer and the next step.
 * Its masks are drawn from a generator seeded by the batch's content, so runs repeat.
 */
public final class AttentionBackprop implements BatchGradients {
  private static final float MASKED = -1e30f;
  private final ModelConfig config;
  private final Parameters parameters;
  private final int h;
  private final int he;

  public AttentionBackprop(ModelConfig config, Parameters parameters) {
    if (!config.luong()) {
      throw new IllegalArgumentException("AttentionBackprop handles attention models");
    }
    this.config = config;
    this.parameters = parameters;
    this.h = config.latentDim();
    this.he = h / 2;
  }

  @Override
  public double loss(Batch batch) {
    return new Pass(batch, false).forward().loss();
  }

  @Override
  public LossAndGradients gradients(Batch batch) {
    Pass pass = new Pass(batch, config.dropout() > 0);
    TokenLoss loss = pass.forward();
    return new LossAndGradients(loss.loss(), pass.backward(loss), loss.tokens());
  }

  private INDArray param(String name) {
    return parameters.get(name);
  }

  /** One forward (and backward) pass over one batch; keeps what the backward pass needs. */
  private final class Pass {
    private final Batch batch;
    private final int b;
    private final int s;
    private final int tt;
    private final int[] lengths;
    private final int[] sourceIds; // row-major [B·S]
    private final int[] decoderInputIds; // row-major [B·Tt]
    private final SplittableRandom random;
    private final float keep;
    private LstmLayer forwardLayer;
    private LstmLayer backwardLayer;
    private int[] forwardIndex; // memory-bank row of each time-major forward output (or zero row)
    private int[] backwardIndex;
    private INDArray memory; // [B·S, H]
    private INDArray keys; // [B·S, H]: m_s·A
    private INDArray scoreMask; // [B, S]: 0 or MASKED; null when no row is padded
    private int[] decoderIds;
    private INDArray inputKernel; // first rows of the decoder kernel: [E or Vt, 4H]
    private INDArray feedAndRecurrent; // [2H, 4H]: the fed-ĥ rows of the kernel over R
    private INDArray embedded; // [Tt·B, E] decoder inputs after dropout (null: one-hot)
    private INDArray embeddedDropout;
    private INDArray stepInputs; // [Tt·B, 2H]: [ĥ_{t−1}, h_{t−1}]
    private INDArray contexts; // [Tt·B, 2H]: [ctx_t, h_t]
    private INDArray hats; // [Tt·B, H]: ĥ_t
    private INDArray hatDropout; // [Tt·B, H] or null
    private INDArray outputs; // [Tt·B, H]: ĥ_t after dropout, what the output layer reads
    private INDArray[] gates;
    private INDArray[] cellsBefore;
    private INDArray[] tanhCells;
    private INDArray[] weights; // per step the attention weights [B, S]

    Pass(Batch batch, boolean dropout) {
      this.batch = batch;
      this.b = batch.size();
      this.s = (int) batch.sourceSteps();
      this.tt = (int) batch.targetSteps();
      this.lengths = batch.sourceLength().toIntVector();
      this.sourceIds = batch.source().reshape(-1).toIntVector();
      this.decoderInputIds = batch.decoderInput().reshape(-1).toIntVector();
      this.keep = dropout ? (float) (1 - config.dropout()) : 1f;
      this.random =
          new SplittableRandom(Arrays.hashCode(sourceIds) * 31L + Arrays.hashCode(decoderInputIds));
    }

    TokenLoss forward() {
      INDArray[] bridge = encode();
      decode(bridge[0], bridge[1]);
      return TokenLoss.of(outputs, parameters, batch);
    }

    /** Runs both encoder directions, builds the memory bank and keys; returns (h0, c0). */
    private INDArray[] encode() {
      int[] rowMajor = sourceIds;
      int[] forwardIds = TokenLoss.timeMajor(rowMajor, b, s);
      int[] backwardIds = new int[s * b];
      forwardIndex = new int[s * b];
      backwardIndex = new int[s * b];
      int zeroRow = b * s;
      for (int r = 0; r < b; r++) {
        int len = lengths[r];
        for (int t = 0; t < s; t++) {
          int q = t * b + r;
          backwardIds[q] = t < len ? rowMajor[r * s + len - 1 - t] : 0;
          forwardIndex[q] = t < len ? r * s + t : zeroRow;
          backwardIndex[q] = t < len ? r * s + len - 1 - t : zeroRow;
        }
      }
      INDArray[] masks = TokenLoss.sourceMasks(lengths, s, b);
      String embedding =
          config.embeddingDim() > 0 ? ParameterNames.ENCODER + ParameterNames.EMBEDDING : null;
      int vs = config.sourceVocabularySize();
      forwardLayer = new LstmLayer(parameters, embedding, ParameterNames.ENCODER, he, vs);
      backwardLayer =
          new LstmLayer(
              parameters, embedding, ParameterNames.ENCODER + ParameterNames.BACKWARD, he, vs);
      INDArray zero = Nd4j.zeros(DataType.FLOAT, b, he);
      INDArray[] f =
          forwardLayer.forward(forwardIds, b, zero, zero, masks, dropout(s * b, embedding));
      INDArray[] bw =
          backwardLayer.forward(backwardIds, b, zero, zero, masks, dropout(s * b, embedding));
      memory =
          Nd4j.hstack(
              gatherRows(forwardLayer.outputs(), inverse(forwardIndex)),
              gatherRows(backwardLayer.outputs(), inverse(backwardIndex)));
      keys = memory.mmul(param(ParameterNames.DECODER + ParameterNames.ATTENTION_KERNEL));
      scoreMask = null;
      if (masks != null) {
        float[] m = new float[b * s];
        for (int r = 0; r < b; r++) {
          Arrays.fill(m, r * s + lengths[r], (r + 1) * s, MASKED);
        }
        scoreMask = Nd4j.createFromArray(m).reshape(b, s);
      }
      return new INDArray[] {Nd4j.hstack(f[0], bw[0]), Nd4j.hstack(f[1], bw[1])};
    }

    private void decode(INDArray h0, INDArray c0) {
      decoderIds = TokenLoss.timeMajor(decoderInputIds, b, tt);
      INDArray kernel = param(ParameterNames.DECODER + ParameterNames.KERNEL);
      int in = config.inputWidth(config.targetVocabularySize());
      inputKernel = kernel.get(interval(0, in), all()).dup();
      feedAndRecurrent =
          Nd4j.vstack(
              kernel.get(interval(in, in + h), all()),
              param(ParameterNames.DECODER + ParameterNames.RECURRENT_KERNEL));
      INDArray projected;
      if (config.embeddingDim() > 0) {
        embedded =
            Nd4j.pullRows(param(ParameterNames.DECODER + ParameterNames.EMBEDDING), 1, decoderIds);
        embeddedDropout = dropout(tt * b, "decoder");
        if (embeddedDropout != null) {
          embedded.muli(embeddedDropout);
        }
        projected = embedded.mmul(inputKernel);
      } else {
        projected = Nd4j.pullRows(inputKernel, 1, decoderIds);
      }
      projected.addiRowVector(param(ParameterNames.DECODER + ParameterNames.BIAS));
      INDArray wc = param(ParameterNames.DECODER + ParameterNames.ATTENTION_OUTPUT_KERNEL);
      INDArray memory3 = memory.reshape(b, s, h);
      INDArray keys3 = keys.reshape(b, s, h);
      stepInputs = Nd4j.create(DataType.FLOAT, (long) tt * b, 2L * h);
      contexts = Nd4j.create(DataType.FLOAT, (long) tt * b, 2L * h);
      hats = Nd4j.create(DataType.FLOAT, (long) tt * b, h);
      hatDropout = dropout(tt * b, h);
      gates = new INDArray[tt];
      cellsBefore = new INDArray[tt];
      tanhCells = new INDArray[tt];
      weights = new INDArray[tt];
      INDArray feed = Nd4j.zeros(DataType.FLOAT, b, h);
      INDArray hidden = h0;
      INDArray cell = c0;
      for (int t = 0; t < tt; t++) {
        INDArray input = rows(stepInputs, t, b);
        left(input).assign(feed);
        right(input).assign(hidden);
        INDArray z = rows(projected, t, b).dup();
        Nd4j.gemm(input, feedAndRecurrent, z, false, false, 1.0, 1.0);
        INDArray[] next = LstmLayer.cell(z, cell, h);
        gates[t] = z;
        cellsBefore[t] = cell;
        tanhCells[t] = next[2];
        hidden = next[0];
        cell = next[1];
        INDArray scores = Nd4j.matmul(keys3, hidden.reshape(b, h, 1)).reshape(b, s);
        if (scoreMask != null) {
          scores.addi(scoreMask);
        }
        INDArray a = Transforms.softmax(scores, false);
        weights[t] = a;
        INDArray context = Nd4j.matmul(a.reshape(b, 1, s), memory3).reshape(b, h);
        INDArray joined = rows(contexts, t, b);
        left(joined).assign(context);
        right(joined).assign(hidden);
        INDArray hat = Transforms.tanh(joined.mmul(wc), false);
        rows(hats, t, b).assign(hat);
        feed = hatDropout == null ? hat : hat.mul(rows(hatDropout, t, b));
      }
      outputs = hatDropout == null ? hats : hats.mul(hatDropout);
    }

    Map<String, INDArray> backward(TokenLoss loss) {
      Map<String, INDArray> grads = new HashMap<>();
      INDArray dOutputs = loss.backward(outputs, parameters, grads);
      INDArray wc = param(ParameterNames.DECODER + ParameterNames.ATTENTION_OUTPUT_KERNEL);
      INDArray memory3 = memory.reshape(b, s, h);
      INDArray keys3 = keys.reshape(b, s, h);
      INDArray dz = Nd4j.create(DataType.FLOAT, (long) tt * b, 4L * h);
      INDArray dPre = Nd4j.create(DataType.FLOAT, (long) tt * b, h);
      INDArray dMemory3 = Nd4j.zeros(DataType.FLOAT, b, s, h);
      INDArray dKeys3 = Nd4j.zeros(DataType.FLOAT, b, s, h);
      INDArray dFeed = Nd4j.zeros(DataType.FLOAT, b, h);
      INDArray dHidden = Nd4j.zeros(DataType.FLOAT, b, h);
      INDArray dCell = Nd4j.zeros(DataType.FLOAT, b, h);
      for (int t = tt - 1; t >= 0; t--) {
        INDArray dHat = rows(dOutputs, t, b).add(dFeed);
        if (hatDropout != null) {
          dHat.muli(rows(hatDropout, t, b));
        }
        INDArray hat = rows(hats, t, b);
        INDArray dp = rows(dPre, t, b);
        dp.assign(dHat.muli(hat.mul(hat).rsubi(1.0)));
        INDArray dJoined = Nd4j.gemm(dp, wc, false, true);
        INDArray dContext = left(dJoined).dup();
        INDArray dh = right(dJoined).add(dHidden);
        // ctx = Σ a_s m_s
        INDArray a = weights[t];
        INDArray da = Nd4j.matmul(memory3, dContext.reshape(b, h, 1)).reshape(b, s);
        dMemory3.addi(Nd4j.matmul(a.reshape(b, s, 1), dContext.reshape(b, 1, h)));
        // a = softmax(score): d score = a ⊙ (da − Σ a·da)
        INDArray dScores =
            da.subiColumnVector(a.mul(da).sum(1).reshape(b, 1)).muli(a).reshape(b, 1, s);
        // score_s = h · key_s
        INDArray hidden = right(rows(contexts, t, b)).dup();
        dh.addi(Nd4j.matmul(dScores, keys3).reshape(b, h));
        dKeys3.addi(Nd4j.matmul(dScores, hidden.reshape(b, 1, h), true, false, false));
        INDArray dzt = rows(dz, t, b);
        dCell = LstmLayer.cellBackward(gates[t], cellsBefore[t], tanhCells[t], dh, dCell, dzt);
        INDArray dInput = Nd4j.gemm(dzt, feedAndRecurrent, false, true);
        dFeed = left(dInput).dup();
        dHidden = right(dInput).dup();
      }
      String d = ParameterNames.DECODER;
      grads.put(d + ParameterNames.ATTENTION_OUTPUT_KERNEL, Nd4j.gemm(contexts, dPre, true, false));
      INDArray dFeedAndRecurrent = Nd4j.gemm(stepInputs, dz, true, false);
      INDArray dInputKernel;
      if (embedded != null) {
        dInputKernel = Nd4j.gemm(embedded, dz, true, false);
        INDArray dEmbedded = Nd4j.gemm(dz, inputKernel, false, true);
        if (embeddedDropout != null) {
          dEmbedded.muli(embeddedDropout);
        }
        grads.put(
            d + ParameterNames.EMBEDDING,
            LstmLayer.scatterRows(decoderIds, dEmbedded, config.targetVocabularySize()));
      } else {
        dInputKernel = LstmLayer.scatterRows(decoderIds, dz, config.targetVocabularySize());
      }
      grads.put(
          d + ParameterNames.KERNEL,
          Nd4j.vstack(dInputKernel, dFeedAndRecurrent.get(interval(0, h), all())));
      grads.put(
          d + ParameterNames.RECURRENT_KERNEL,
          dFeedAndRecurrent.get(interval(h, 2 * h), all()).dup());
      grads.put(d + ParameterNames.BIAS, dz.sum(0));
      // keys = M·A
      INDArray attention = param(d + ParameterNames.ATTENTION_KERNEL);
      INDArray dKeys = dKeys3.reshape((long) b * s, h);
      grads.put(d + ParameterNames.ATTENTION_KERNEL, Nd4j.gemm(memory, dKeys, true, false));
      INDArray dMemory =
          dMemory3.reshape((long) b * s, h).add(Nd4j.gemm(dKeys, attention, false, true));
      INDArray dForward = gatherRows(dMemory.get(all(), interval(0, he)).dup(), forwardIndex);
      INDArray dBackward = gatherRows(dMemory.get(all(), interval(he, h)).dup(), backwardIndex);
      forwardLayer.backward(
          dForward,
          dHidden.get(all(), interval(0, he)).dup(),
          dCell.get(all(), interval(0, he)).dup(),
          grads);
      backwardLayer.backward(
          dBackward,
          dHidden.get(all(), interval(he, h)).dup(),
          dCell.get(all(), interval(he, h)).dup(),
          grads);
      return grads;
    }

    /** Dropout scales (0 or 1/keep) for {@code n} rows of the embedding, or null without one. */
    private INDArray dropout(int n, String embedding) {
      return embedding == null || config.embeddingDim() == 0
          ? null
          : dropout(n, config.embeddingDim());
    }

    private INDArray dropout(int n, int width) {
      if (keep >= 1f) {
        return null;
      }
      float[] m = new float[n * width];
      float scale = 1f / keep;
      for (int i = 0; i < m.length; i++) {
        m[i] = random.nextDouble() < keep ? scale : 0f;
      }
      return Nd4j.createFromArray(m).reshape(n, width);
    }

    /** For each memory-bank row, the time-major row it comes from (or the appended zero row). */
    private int[] inverse(int[] index) {
      int[] from = new int[b * s];
      Arrays.fill(from, s * b); // padded positions read the zero row
      for (int q = 0; q < index.length; q++) {
        if (index[q] < b * s) {
          from[index[q]] = q;
        }
      }
      return from;
    }

    /** Rows of {@code m} [N, W] with one zero row appended, picked by {@code index}. */
    private INDArray gatherRows(INDArray m, int[] index) {
      INDArray padded = Nd4j.vstack(m, Nd4j.zeros(DataType.FLOAT, 1, m.size(1)));
      return Nd4j.pullRows(padded, 1, index);
    }

    private INDArray left(INDArray m) {
      return m.get(all(), interval(0, h));
    }

    private INDArray right(INDArray m) {
      return m.get(all(), interval(h, 2 * h));
    }
  }
}

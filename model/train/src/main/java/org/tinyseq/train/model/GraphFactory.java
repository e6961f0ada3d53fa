package org.tinyseq.train.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.tinyseq.serve.text.Vocabulary;

/**
 * Gives each batch the computation of its loss and gradients over one set of {@link Parameters}.
 *
 * <ul>
 *   <li><b>LSTM with teacher forcing</b>: {@link LstmBackprop}, backpropagation through time on
 *       ND4J arrays, for any batch and sequence length; with attention, {@link AttentionBackprop}.
 *   <li><b>unrolled</b> (GRU, or no teacher forcing): SameDiff graphs with the cells written out
 *       step by step from basic operations, differentiated by SameDiff, because ND4J's own GRU op
 *       computes the "reset before" variant and because feeding back the previous argmax needs a
 *       step loop. A graph is built per (source steps, target steps) pair, so batches are padded to
 *       multiples of {@link #UNROLL_QUANTUM} steps; the encoder keeps its previous state on padded
 *       steps through the source mask. Each graph copies the current parameter values in before it
 *       runs.
 * </ul>
 *
 * Embedding inputs in the SameDiff graphs are one-hot × embedding matrix products: {@code gather}
 * makes SameDiff's gradient construction fail in this release (see docs/training.md).
 */
public final class GraphFactory {
  /** Unrolled graphs exist for lengths that are multiples of this (and for the maxima). */
  public static final int UNROLL_QUANTUM = 8;

  private final ModelConfig config;
  private final Parameters parameters;
  private final Map<Long, TrainingGraph> unrolled = new HashMap<>();
  private final boolean libraryLstm;
  private BatchGradients lstm;

  public GraphFactory(ModelConfig config, Parameters parameters) {
    this(config, parameters, false);
  }

  /**
   * @param libraryLstm use {@link LibraryLstmGraph} for the LSTM (the throughput baseline only)
   */
  public GraphFactory(ModelConfig config, Parameters parameters, boolean libraryLstm) {
    this.config = config;
    this.parameters = parameters;
    this.libraryLstm = libraryLstm;
  }

  public ModelConfig config() {
    return config;
  }

  /** True when batches must be padded to {@link #paddedLength} steps (unrolled graphs). */
  public boolean unrolled() {
    return config.gru() || !config.teacherForcing();
  }

  /** Padded step count for a batch whose longest sequence has {@code steps} steps. */
  public int paddedLength(int steps, int max) {
    if (!unrolled()) {
      return steps;
    }
    int padded = (steps + UNROLL_QUANTUM - 1) / UNROLL_QUANTUM * UNROLL_QUANTUM;
    return Math.max(steps, Math.min(padded, max));
  }

  /** What computes the loss and gradients of {@code batch}. */
  public BatchGradients graphFor(Batch batch) {
    if (!unrolled()) {
      if (lstm == null) {
        if (config.luong()) {
          lstm = new AttentionBackprop(config, parameters);
        } else {
          lstm =
              libraryLstm
                  ? LibraryLstmGraph.build(config, parameters)
                  : new LstmBackprop(config, parameters);
        }
      }
      return lstm;
    }
    int ts = (int) batch.sourceSteps();
    int tt = (int) batch.targetSteps();
    return unrolled.computeIfAbsent(((long) ts << 32) | tt, k -> build(ts, tt));
  }

  private TrainingGraph build(int ts, int tt) {
    SameDiff sd = SameDiff.create();
    Map<String, SDVariable> p = TrainingGraph.variables(sd, parameters);
    SDVariable source = sd.placeHolder(Batch.SOURCE, DataType.INT32, -1, -1);
    SDVariable decoderInput = sd.placeHolder(Batch.DECODER_INPUT, DataType.INT32, -1, -1);
    SDVariable sourceMask = sd.placeHolder(Batch.SOURCE_MASK, DataType.FLOAT, -1, -1);
    SDVariable logits = unrolled(sd, p, source, sourceMask, decoderInput, ts, tt);
    return TrainingGraph.withLoss(
        sd,
        logits,
        config.targetVocabularySize(),
        List.of(Batch.SOURCE, Batch.DECODER_INPUT, Batch.SOURCE_MASK),
        parameters);
  }

  private SDVariable output(Map<String, SDVariable> p, SDVariable hidden) {
    return hidden
        .mmul(p.get(ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL))
        .add(p.get(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS));
  }

  private int vocab(String prefix) {
    return prefix.equals(ParameterNames.ENCODER)
        ? config.sourceVocabularySize()
        : config.targetVocabularySize();
  }

  // ---- unrolled cells ------------------------------------------------------------------------

  private SDVariable unrolled(
      SameDiff sd,
      Map<String, SDVariable> p,
      SDVariable source,
      SDVariable sourceMask,
      SDVariable decoderInput,
      int ts,
      int tt) {
    int h = config.latentDim();
    // Input projections of all source steps at once: [B, Ts, G·H] split into Ts steps.
    SDVariable[] xs = stepProjections(sd, p, ParameterNames.ENCODER, source, ts);
    SDVariable[] masks = sd.unstack(sd.expandDims(sourceMask, 2), 1, ts);
    // Zero initial state of the batch's size: [B, Ts] × 0[Ts, H].
    SDVariable zero = sourceMask.mmul(sd.constant(Nd4j.zeros(DataType.FLOAT, ts, h)));
    SDVariable[] state = config.gru() ? new SDVariable[] {zero} : new SDVariable[] {zero, zero};
    for (int t = 0; t < ts; t++) {
      SDVariable[] next = cell(sd, p, ParameterNames.ENCODER, xs[t], state);
      for (int i = 0; i < state.length; i++) {
        // Padded steps (mask 0) keep the previous state.
        state[i] = state[i].add(next[i].sub(state[i]).mul(masks[t]));
      }
    }
    SDVariable[] outputs = new SDVariable[tt];
    if (config.teacherForcing()) {
      SDVariable[] xd = stepProjections(sd, p, ParameterNames.DECODER, decoderInput, tt);
      for (int t = 0; t < tt; t++) {
        state = cell(sd, p, ParameterNames.DECODER, xd[t], state);
        outputs[t] = output(p, state[0]);
      }
    } else {
      // Without teacher forcing: step 0 reads the start marker, every later step the argmax of
      // the previous step's logits. argmax is not differentiable, so no gradient flows through
      // the choice of the fed-back character; gradients flow through the recurrent state and
      // through the embedding / kernel rows of the characters that were fed back.
      SDVariable ids = sd.onesLike(sd.sum(decoderInput, 1), DataType.INT32).mul(Vocabulary.START);
      for (int t = 0; t < tt; t++) {
        SDVariable x = stepProjection(sd, p, ParameterNames.DECODER, ids);
        state = cell(sd, p, ParameterNames.DECODER, x, state);
        outputs[t] = output(p, state[0]);
        if (t + 1 < tt) {
          ids = sd.argmax(outputs[t], 1).castTo(DataType.INT32);
        }
      }
    }
    return sd.reshape(sd.stack(1, outputs), -1, config.targetVocabularySize());
  }

  /** x·kernel + bias for every step of ids [B, T], as T arrays [B, G·H]. */
  private SDVariable[] stepProjections(
      SameDiff sd, Map<String, SDVariable> p, String prefix, SDVariable ids, int steps) {
    SDVariable flat = stepProjection(sd, p, prefix, sd.reshape(ids, -1));
    SDVariable seq = sd.reshape(flat, -1, steps, config.gates() * config.latentDim());
    return sd.unstack(seq, 1, steps);
  }

  /** x·kernel + bias for ids [N]: [N, G·H]. */
  private SDVariable stepProjection(
      SameDiff sd, Map<String, SDVariable> p, String prefix, SDVariable ids) {
    SDVariable x = sd.oneHot(ids, vocab(prefix));
    if (config.embeddingDim() > 0) {
      x = x.mmul(p.get(prefix + ParameterNames.EMBEDDING));
    }
    return x.mmul(p.get(prefix + ParameterNames.KERNEL)).add(p.get(prefix + ParameterNames.BIAS));
  }

  /** One cell step in the bundle's arithmetic; returns the new state (h[, c]). */
  private SDVariable[] cell(
      SameDiff sd, Map<String, SDVariable> p, String prefix, SDVariable xProj, SDVariable[] s) {
    SDVariable h = s[0];
    SDVariable rh = h.mmul(p.get(prefix + ParameterNames.RECURRENT_KERNEL));
    if (config.gru()) {
      SDVariable b = rh.add(p.get(prefix + ParameterNames.RECURRENT_BIAS));
      SDVariable[] a3 = sd.split(xProj, 3, 1);
      SDVariable[] b3 = sd.split(b, 3, 1);
      SDVariable r = sd.nn().sigmoid(a3[0].add(b3[0]));
      SDVariable u = sd.nn().sigmoid(a3[1].add(b3[1]));
      SDVariable n = sd.math().tanh(a3[2].add(r.mul(b3[2])));
      // h' = (1 − u) ⊙ n + u ⊙ h = n + u ⊙ (h − n)
      return new SDVariable[] {n.add(u.mul(h.sub(n)))};
    }
    SDVariable[] z = sd.split(xProj.add(rh), 4, 1);
    SDVariable i = sd.nn().sigmoid(z[0]);
    SDVariable f = sd.nn().sigmoid(z[1]);
    SDVariable g = sd.math().tanh(z[2]);
    SDVariable o = sd.nn().sigmoid(z[3]);
    SDVariable c = f.mul(s[1]).add(i.mul(g));
    return new SDVariable[] {o.mul(sd.math().tanh(c)), c};
  }
}

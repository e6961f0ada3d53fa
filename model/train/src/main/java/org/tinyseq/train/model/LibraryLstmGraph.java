package org.tinyseq.train.model;

import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMActivations;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDataFormat;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMDirectionMode;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.config.LSTMLayerConfig;
import org.nd4j.linalg.api.ops.impl.layers.recurrent.weights.LSTMLayerWeights;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Keras design as DL4J itself offers it: ND4J's fused {@code lstmLayer} op for encoder and
 * decoder in a SameDiff graph, differentiated by SameDiff. <b>Only the throughput benchmark's
 * baseline uses it</b>: its gradients are wrong in this release (docs/training.md, {@code
 * GradientCheckTest}); training uses {@link LstmBackprop}. Like the Keras example, the encoder
 * reads every source step, padding included (no per-row lengths).
 */
public final class LibraryLstmGraph {
  private LibraryLstmGraph() {}

  /** The graph of {@code config} over {@code parameters}. */
  public static BatchGradients build(ModelConfig config, Parameters parameters) {
    if (config.gru() || !config.teacherForcing()) {
      throw new IllegalArgumentException("the library graph is the LSTM with teacher forcing");
    }
    SameDiff sd = SameDiff.create();
    Map<String, SDVariable> p = TrainingGraph.variables(sd, parameters);
    SDVariable source = sd.placeHolder(Batch.SOURCE, DataType.INT32, -1, -1);
    SDVariable decoderInput = sd.placeHolder(Batch.DECODER_INPUT, DataType.INT32, -1, -1);
    SDVariable xs = inputs(sd, p, config, ParameterNames.ENCODER, source);
    SDVariable xd = inputs(sd, p, config, ParameterNames.DECODER, decoderInput);
    // Trap: the op's arguments after the input are (initial h, initial c), whatever their names.
    SDVariable[] enc =
        sd.rnn().lstmLayer(xs, null, null, null, weights(p, ParameterNames.ENCODER), cfg(false));
    SDVariable[] dec =
        sd.rnn().lstmLayer(xd, enc[0], enc[1], null, weights(p, ParameterNames.DECODER), cfg(true));
    SDVariable logits =
        sd.reshape(dec[0], -1, config.latentDim())
            .mmul(p.get(ParameterNames.DECODER + ParameterNames.OUTPUT_KERNEL))
            .add(p.get(ParameterNames.DECODER + ParameterNames.OUTPUT_BIAS));
    return TrainingGraph.withLoss(
        sd,
        logits,
        config.targetVocabularySize(),
        List.of(Batch.SOURCE, Batch.DECODER_INPUT),
        parameters);
  }

  /** [B, T, in]: embedding rows (one-hot × matrix) or the one-hot vectors themselves. */
  private static SDVariable inputs(
      SameDiff sd, Map<String, SDVariable> p, ModelConfig config, String prefix, SDVariable ids) {
    int vocab =
        prefix.equals(ParameterNames.ENCODER)
            ? config.sourceVocabularySize()
            : config.targetVocabularySize();
    if (config.embeddingDim() == 0) {
      return sd.oneHot(ids, vocab);
    }
    SDVariable rows =
        sd.oneHot(sd.reshape(ids, -1), vocab).mmul(p.get(prefix + ParameterNames.EMBEDDING));
    SDVariable shape =
        sd.concat(
            0,
            sd.shape(ids).castTo(DataType.LONG),
            sd.constant(Nd4j.createFromArray(new long[] {config.embeddingDim()})));
    return sd.reshape(rows, shape);
  }

  private static LSTMLayerWeights weights(Map<String, SDVariable> p, String prefix) {
    return LSTMLayerWeights.builder()
        .weights(p.get(prefix + ParameterNames.KERNEL))
        .rWeights(p.get(prefix + ParameterNames.RECURRENT_KERNEL))
        .bias(p.get(prefix + ParameterNames.BIAS))
        .build();
  }

  private static LSTMLayerConfig cfg(boolean fullSequence) {
    return LSTMLayerConfig.builder()
        .lstmdataformat(LSTMDataFormat.NTS)
        .directionMode(LSTMDirectionMode.FWD)
        .gateAct(LSTMActivations.SIGMOID)
        .cellAct(LSTMActivations.TANH)
        .outAct(LSTMActivations.TANH)
        .retFullSequence(fullSequence)
        .retLastH(!fullSequence)
        .retLastC(!fullSequence)
        .build();
  }
}

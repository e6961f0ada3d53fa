package org.tinyseq.train.model;

import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loss and gradients of the LSTM encoder-decoder with teacher forcing (the Keras design), by
 * backpropagation through time written out on ND4J arrays ({@link LstmLayer}).
 *
 * <p>Why not SameDiff's automatic differentiation: ND4J's fused {@code lstmLayer} op computes wrong
 * gradients in this release (off by 5-20% with equal-length rows, by more than the gradient itself
 * with per-row lengths, against finite differences: {@code GradientCheckTest}), and the LSTM
 * written out from basic SameDiff operations is exact but several times slower. Written out here,
 * the work has the shape cuDNN gives it: one matrix product for the input projections of all steps,
 * one per step for the recurrence forward and backward, one each for the weight gradients of all
 * steps, and element-wise gate arithmetic in between.
 *
 * <p>Layout: time-major rows ({@code t·B + b}). The encoder's final state is the one at each row's
 * last real step; padded decoder steps need no mask, since their labels do not count and nothing
 * reads the decoder's final state.
 */
public final class LstmBackprop implements BatchGradients {
  private final ModelConfig config;
  private final Parameters parameters;
  private final int h;

  public LstmBackprop(ModelConfig config, Parameters parameters) {
    if (config.gru() || !config.teacherForcing() || config.luong()) {
      throw new IllegalArgumentException(
          "LstmBackprop handles the plain LSTM with teacher forcing");
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
        batch.sourceRowsFull()
            ? null
            : TokenLoss.sourceMasks(batch.sourceLength().toIntVector(), ts, b);

    LstmLayer encoder = layer(ParameterNames.ENCODER, config.sourceVocabularySize());
    LstmLayer decoder = layer(ParameterNames.DECODER, config.targetVocabularySize());
    INDArray zero = Nd4j.zeros(DataType.FLOAT, b, h);
    INDArray[] state =
        encoder.forward(
            TokenLoss.timeMajor(batch.source().reshape(-1).toIntVector(), b, ts),
            b,
            zero,
            zero,
            masks,
            null);
    decoder.forward(
        TokenLoss.timeMajor(batch.decoderInput().reshape(-1).toIntVector(), b, tt),
        b,
        state[0],
        state[1],
        null,
        null);
    TokenLoss loss = TokenLoss.of(decoder.outputs(), parameters, batch);
    if (!backward) {
      return new LossAndGradients(loss.loss(), Map.of(), loss.tokens());
    }
    Map<String, INDArray> grads = new HashMap<>();
    INDArray dOutputs = loss.backward(decoder.outputs(), parameters, grads);
    INDArray[] dState = decoder.backward(dOutputs, zero, zero, grads);
    encoder.backward(null, dState[0], dState[1], grads);
    return new LossAndGradients(loss.loss(), grads, loss.tokens());
  }

  private LstmLayer layer(String prefix, int vocabulary) {
    String embedding = config.embeddingDim() > 0 ? prefix + ParameterNames.EMBEDDING : null;
    return new LstmLayer(parameters, embedding, prefix, h, vocabulary);
  }
}

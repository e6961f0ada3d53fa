package org.tinyseq.train.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One SameDiff graph of the model that computes the masked mean cross-entropy of a batch and its
 * gradients with respect to every parameter. Built by {@link GraphFactory} and {@link
 * LibraryLstmGraph} through {@link #variables} and {@link #withLoss}; its variables are the values
 * of the model's {@link Parameters}, copied in before every run.
 */
public final class TrainingGraph implements BatchGradients {
  static final String LOSS = "loss";

  private final SameDiff sd;
  private final List<String> placeholders;
  private final List<String> variables;
  private final Parameters parameters;

  private TrainingGraph(SameDiff sd, List<String> placeholders, Parameters parameters) {
    this.sd = sd;
    this.placeholders = placeholders;
    this.variables = new ArrayList<>(parameters.arrays().keySet());
    this.parameters = parameters;
  }

  /** Every parameter as a variable of {@code sd} (holding a copy of its values), by name. */
  static Map<String, SDVariable> variables(SameDiff sd, Parameters parameters) {
    Map<String, SDVariable> p = new LinkedHashMap<>();
    parameters.arrays().forEach((name, values) -> p.put(name, sd.var(name, values.dup())));
    return p;
  }

  /**
   * Adds the labels, their mask and the token-mean cross-entropy of {@code logits} [B·Tt,
   * vocabulary] over the counted labels, and returns the finished graph.
   *
   * @param inputs the placeholders the graph reads besides the labels and their mask
   */
  static TrainingGraph withLoss(
      SameDiff sd, SDVariable logits, int vocabulary, List<String> inputs, Parameters parameters) {
    SDVariable labels = sd.placeHolder(Batch.LABELS, DataType.INT32, -1);
    SDVariable labelMask = sd.placeHolder(Batch.LABEL_MASK, DataType.FLOAT, -1);
    sd.loss()
        .softmaxCrossEntropy(
            LOSS,
            sd.oneHot(labels, vocabulary),
            logits,
            labelMask,
            LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT,
            0.0);
    sd.setLossVariables(LOSS);
    List<String> placeholders = new ArrayList<>(inputs);
    placeholders.addAll(List.of(Batch.LABELS, Batch.LABEL_MASK));
    return new TrainingGraph(sd, placeholders, parameters);
  }

  @Override
  public LossAndGradients gradients(Batch batch) {
    OutAndGrad og = sd.calculateGradientsAndOutputs(feed(batch), List.of(LOSS), variables);
    dropSessions(sd);
    dropSessions(sd.getFunction("grad"));
    return new LossAndGradients(
        og.getOutputs().get(LOSS).getDouble(0), og.getGradients(), batch.targetTokens());
  }

  @Override
  public double loss(Batch batch) {
    double loss = sd.output(feed(batch), LOSS).get(LOSS).getDouble(0);
    dropSessions(sd);
    return loss;
  }

  /**
   * Forgets the graph's execution sessions after a run. A session keeps the arrays of its last run
   * (and an array cache of every shape it has seen); with one graph per length bucket, two workers
   * and hundreds of unrolled steps, these held gigabytes, and the GRU ran out of native memory
   * within an epoch. The next run starts a new session; the arrays returned to the caller are not
   * affected.
   */
  private static void dropSessions(SameDiff graph) {
    if (graph != null) {
      graph.getSessions().clear();
    }
  }

  SameDiff sameDiff() {
    return sd;
  }

  /**
   * Copies the current parameter values into the graph. SameDiff keeps its own (per-thread) copy of
   * every variable's array, so sharing the array objects does not work; a copy per batch costs a
   * few milliseconds.
   */
  private void sync() {
    for (String name : variables) {
      INDArray source = parameters.get(name);
      INDArray target = sd.getArrForVarName(name);
      if (target != source) {
        target.assign(source);
      }
    }
  }

  private Map<String, INDArray> feed(Batch batch) {
    sync();
    Map<String, INDArray> all = batch.placeholders();
    Map<String, INDArray> feed = new HashMap<>();
    for (String p : placeholders) {
      feed.put(p, all.get(p));
    }
    return feed;
  }
}

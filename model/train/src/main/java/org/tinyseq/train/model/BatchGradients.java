package org.tinyseq.train.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What training needs from a model for one batch: the token-mean cross-entropy of the labels that
 * count, and its gradient with respect to every parameter, computed from the current values of the
 * model's {@link Parameters}.
 */
public interface BatchGradients {

  /** Loss and gradients of one batch (gradients by parameter name). */
  LossAndGradients gradients(Batch batch);

  /** Loss of one batch, without gradients. */
  double loss(Batch batch);

  /**
   * @param loss mean cross-entropy per counted target token
   * @param gradients by parameter name
   * @param targetTokens tokens that counted
   */
  record LossAndGradients(double loss, Map<String, INDArray> gradients, int targetTokens) {}
}

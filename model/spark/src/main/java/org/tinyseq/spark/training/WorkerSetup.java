package org.tinyseq.spark.training;

import java.io.Serializable;
import org.tinyseq.train.model.ModelConfig;

/**
 * What every task of a run needs besides the current values: the model, Adam's settings and how
 * batches are padded. Identical for all tasks of a run, so executors key their cached models by it.
 */
record WorkerSetup(
    ModelConfig config,
    double learningRate,
    double clipNorm,
    boolean bucketing,
    int maxSourceLength,
    int maxTargetSteps)
    implements Serializable {}

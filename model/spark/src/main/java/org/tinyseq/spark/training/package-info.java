/**
 * Data-parallel training on Spark: {@link org.tinyseq.spark.training.SparkEpochs} runs each epoch's
 * steps on the executors with the project's own backprop, and model/train's {@code Trainer} does
 * everything around them (resume, checkpoints, best epoch, early stopping), so the bundle is the
 * one {@code model.jar train} writes.
 */
package org.tinyseq.spark.training;

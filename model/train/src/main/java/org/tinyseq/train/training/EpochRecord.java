package org.tinyseq.train.training;

/**
 * What one epoch measured.
 *
 * @param epoch 1-based
 * @param trainLoss mean masked cross-entropy per target token over the epoch
 * @param validationLoss the same on the validation split after the epoch (NaN without one)
 * @param sequencesPerSecond training pairs processed per second of the epoch's training steps
 * @param seconds wall time of the epoch's training steps
 */
public record EpochRecord(
    int epoch,
    double trainLoss,
    double validationLoss,
    double sequencesPerSecond,
    double seconds) {}

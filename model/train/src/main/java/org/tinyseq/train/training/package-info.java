/**
 * The training loop and everything around it: encoding pairs, length-bucketed batches, Adam with
 * gradient clipping, validation loss and early stopping, atomic per-epoch checkpoints and resume,
 * the loss curve, the export of the best epoch as a bundle with a complete manifest, and the
 * throughput benchmark.
 */
package org.tinyseq.train.training;

/**
 * The seq2seq model on ND4J / SameDiff: its shape ({@link org.tinyseq.train.model.ModelConfig}),
 * parameters, what computes a batch's loss and gradients ({@link
 * org.tinyseq.train.model.GraphFactory}: {@link org.tinyseq.train.model.LstmBackprop} for the
 * default LSTM with teacher forcing, SameDiff graphs with cells unrolled from basic operations for
 * GRU and for training without teacher forcing) and the conversion of trained parameters to bundle
 * tensors ({@link org.tinyseq.train.model.BundleTensors}).
 */
package org.tinyseq.train.model;

/**
 * The seq2seq model in DL4J's SameDiff: its shape ({@link org.tinyseq.train.model.ModelConfig}),
 * parameters, the training graphs ({@link org.tinyseq.train.model.GraphFactory}: fused lstmLayer
 * for the default LSTM with teacher forcing, cells unrolled from basic operations for GRU and for
 * training without teacher forcing) and the conversion of trained parameters to bundle tensors
 * ({@link org.tinyseq.train.model.BundleTensors}). Graphs are always rebuilt in code: SameDiff
 * cannot load a saved graph that holds lstmLayer.
 */
package org.tinyseq.train.model;

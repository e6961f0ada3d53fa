/**
 * The DL4J reference of the serving decoder: a bundle's encoder and decoder graphs rebuilt in
 * SameDiff from its tensors ({@link org.tinyseq.train.reference.ReferenceGraphs}), run step by step
 * ({@link org.tinyseq.train.reference.ReferenceDecoder}), and the {@code bench} command that
 * measures the fast Java decoder beside it.
 */
package org.tinyseq.train.reference;

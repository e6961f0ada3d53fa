/**
 * The DL4J reference of the serving decoder: a bundle's encoder and decoder graphs rebuilt in
 * SameDiff from its tensors ({@link org.tinyseq.train.reference.ReferenceGraphs}), run step by step
 * ({@link org.tinyseq.train.reference.ReferenceDecoder}), and the {@code bench} command that
 * measures the fast Java decoder beside it, with its helpers: the sentences it decodes ({@link
 * org.tinyseq.train.reference.BenchSentences}), the models it accepts, random ones included ({@link
 * org.tinyseq.train.reference.BenchModels}, over model-serve's test-jar), and the resident-memory
 * probe of a serving process ({@link org.tinyseq.train.reference.MemoryProbe}). They live here, not
 * in model-serve, so that the bot's jar carries no benchmark or test code.
 */
package org.tinyseq.train.reference;

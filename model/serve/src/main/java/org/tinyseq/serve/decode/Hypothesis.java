package org.tinyseq.serve.decode;

/**
 * One finished hypothesis of beam search.
 *
 * @param decoded its symbols, text and whether the step limit cut it
 * @param logProbability {@code log p(hypothesis | source)}, end marker included when it has one
 * @param score the length-normalised score beam search ranks by ({@link BeamSearch})
 */
public record Hypothesis(Decoded decoded, double logProbability, double score) {}

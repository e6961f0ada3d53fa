package org.tinyseq.serve.memory;

/**
 * The best training pair for a request.
 *
 * @param source the training source (its memory key: normalised, lower-cased)
 * @param target the answer the memory gives
 * @param score similarity in (0, 1]; 1 for an exact (case-insensitive) match
 */
public record MemoryMatch(String source, String target, double score) {}

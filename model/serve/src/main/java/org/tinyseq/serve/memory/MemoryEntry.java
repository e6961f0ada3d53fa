package org.tinyseq.serve.memory;

/**
 * One line of the memory: a distinct training source and the one target it answers with.
 *
 * @param key the source as {@link ExampleMemory#key} makes it (normalised, lower-cased)
 * @param target the target as the model was trained on it
 */
public record MemoryEntry(String key, String target) {}

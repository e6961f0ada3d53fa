package org.tinyseq.serve.cache;

/**
 * Identifies one cached answer. Because the model identity is part of the key, a swapped-in model
 * never sees the answers of its predecessor and nothing has to be invalidated on a swap: the old
 * entries simply stop being asked for and age out.
 *
 * @param modelId the serving model's identity (version and weights checksum, see {@code
 *     LoadedModel#cacheId})
 * @param kind the model kind, i.e. the command
 * @param input the normalised input text
 */
public record CacheKey(String modelId, String kind, String input) {}

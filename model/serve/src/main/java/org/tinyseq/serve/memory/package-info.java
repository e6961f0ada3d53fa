/**
 * The example memory of a bundle: the training pairs (one target per distinct source), answered
 * from when a request is close enough to a training source. {@link
 * org.tinyseq.serve.memory.MemoryFile} reads and writes {@code memory.tsv.gz} strictly (it is
 * untrusted input); {@link org.tinyseq.serve.memory.ExampleMemory} is the lookup index (character
 * trigram cosine through an inverted index, exact matches by binary search); {@link
 * org.tinyseq.serve.memory.MemoryMatch} is one answer with its score. docs/serving-service.md
 * ("Example memory") says why this similarity.
 */
package org.tinyseq.serve.memory;

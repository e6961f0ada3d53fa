/**
 * Tools around the decoder that need only the serving classpath: random bundles for benchmarks and
 * parity tests, and {@link org.tinyseq.serve.tools.MemoryProbe}, the resident-memory measurement of
 * a serving process with both default models.
 */
package org.tinyseq.serve.tools;

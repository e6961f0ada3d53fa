/**
 * The model bundle: {@code manifest.json}, the encoder and decoder graphs as safetensors files and
 * the vocabularies (docs/bundle-format.md). {@link org.tinyseq.serve.bundle.BundleWriter} publishes
 * a bundle atomically; {@link org.tinyseq.serve.bundle.BundleReader} refuses a corrupt, truncated
 * or mismatched one with a clear {@link org.tinyseq.serve.bundle.BundleException}.
 */
package org.tinyseq.serve.bundle;

/**
 * The model registry: which bundle serves each kind, loading and verifying bundles from the models
 * directory or the embedded defaults, atomic hot swap with draining of the old model, refusal of
 * bad bundles, retention, and the polling watcher.
 */
package org.tinyseq.serve.registry;

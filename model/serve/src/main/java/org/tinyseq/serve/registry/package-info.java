/**
 * The model registry: which bundle serves each kind, loading and verifying bundles from the models
 * directory or the embedded defaults, refusing a bundle the heap cannot hold before it is read,
 * atomic hot swap with draining of the old model, refusal of bad bundles (recorded beside them, so
 * that refusals survive a restart), retention, and the polling watcher.
 */
package org.tinyseq.serve.registry;

/**
 * The result cache of the serving module: answers keyed by (model identity, kind, normalised
 * input), shared between identical concurrent requests, failures never cached.
 */
package org.tinyseq.serve.cache;

/**
 * The serving API used by the bot: {@link org.tinyseq.serve.ModelService} answers translate and
 * chat requests with validation, a result cache, dynamic batching and hot-swapped models. See
 * docs/serving-service.md.
 */
package org.tinyseq.serve;

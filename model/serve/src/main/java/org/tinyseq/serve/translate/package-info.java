/**
 * The translate answer path's decoding options beyond greedy: noisy-channel reranking of a beam's N
 * best with the model of the other direction.
 */
package org.tinyseq.serve.translate;

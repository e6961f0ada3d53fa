/**
 * Fast greedy seq2seq decoding in plain Java over a bundle's weights: {@link
 * org.tinyseq.serve.decode.GreedyDecoder} (encode, then feed the argmax back step by step, exactly
 * the arithmetic of docs/bundle-format.md) and {@link org.tinyseq.serve.decode.DecodeBatcher}
 * (dynamic batching of concurrent requests). See docs/serving-decoder.md for the layout of the
 * arithmetic, the input rules and measured figures.
 */
package org.tinyseq.serve.decode;

package org.tinyseq.serve.decode;

/**
 * The recurrent part of a model as the search loops ({@link GreedyDecoder}, {@link BeamSearch}) see
 * it: encode the sources into the decoder rows' start state, advance some rows one step, and name
 * the vectors the output layer reads. {@link PlainNetwork} is the design without attention, {@link
 * AttentionNetwork} that of format version 2.
 */
interface Network {
  /**
   * Encodes {@code src} and returns a workspace of {@code sourceOf.length} decoder rows, row {@code
   * b} starting from the encoding of source {@code sourceOf[b]}.
   */
  Workspace start(int[][] src, int[] sourceOf);

  /** One decoder step for the rows {@code rows[0, n)}, row {@code b} reading {@code tokens[b]}. */
  void step(Workspace ws, int[] tokens, int[] rows, int n);

  /** What the output layer reads after a step: h, or the attentional vector ĥ. */
  float[][] outputs(Workspace ws);

  /**
   * Beam search: the decoder rows {@code to[i]} take the states of the rows {@code from[i]} (read
   * before any is overwritten), for {@code i < n}.
   */
  void reorder(Workspace ws, int[] from, int[] to, int n);
}

package org.tinyseq.serve.decode;

/**
 * The result of greedy decoding of one source.
 *
 * @param text the emitted characters, reserved ids (markers, {@code <unk>}, padding) left out
 * @param ids every emitted target id in order, the end marker included when it was emitted
 * @param scores the logit of each emitted id ({@code scores[i]} belongs to {@code ids[i]})
 * @param hitStepLimit true when decoding stopped at the step limit instead of at the end marker
 */
public record Decoded(String text, int[] ids, float[] scores, boolean hitStepLimit) {
  /** Decoder steps taken: one per emitted id. */
  public int steps() {
    return ids.length;
  }
}

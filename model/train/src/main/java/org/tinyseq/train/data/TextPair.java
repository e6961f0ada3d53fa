package org.tinyseq.train.data;

import java.util.Objects;

/**
 * One training example: a source text and the target text the model should produce for it.
 *
 * @param source input text (English for translation, a statement for chat)
 * @param target expected output (Chinese for translation, the response for chat)
 * @param attribution licence attribution of the pair (column 3 of cmn-eng: CC-BY requires keeping
 *     it), or {@code null} when the format carries none
 * @param conversation the conversation the pair comes from, when the format has conversation ids
 *     (the dialogue TSV); the split then keeps each conversation on one side. {@code null}: the
 *     split groups by source sentence
 */
public record TextPair(String source, String target, String attribution, String conversation) {
  public TextPair {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
  }

  /** A pair without attribution. */
  public TextPair(String source, String target) {
    this(source, target, null, null);
  }

  /** A pair with attribution (or none), outside any conversation. */
  public TextPair(String source, String target, String attribution) {
    this(source, target, attribution, null);
  }

  /** The same attribution and conversation with other texts (used by normalisation). */
  public TextPair withTexts(String newSource, String newTarget) {
    return new TextPair(newSource, newTarget, attribution, conversation);
  }
}

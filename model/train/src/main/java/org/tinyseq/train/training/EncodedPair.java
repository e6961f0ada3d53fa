package org.tinyseq.train.training;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.serve.text.Tokenizer;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.train.data.TextPair;

/**
 * A pair as vocabulary ids: source tokens (no markers) and target characters (no markers; the
 * batcher adds the start marker to the decoder input and the end marker to the labels).
 */
public record EncodedPair(int[] source, int[] target) {

  /**
   * Encodes normalised pairs, truncating to the length limits; pairs with an empty side dropped.
   */
  public static List<EncodedPair> encode(
      List<TextPair> pairs,
      Vocabulary sourceVocabulary,
      Vocabulary targetVocabulary,
      TokenUnit unit,
      int maxSourceLength,
      int maxTargetChars) {
    List<EncodedPair> out = new ArrayList<>(pairs.size());
    for (TextPair p : pairs) {
      int[] s = sourceVocabulary.ids(Tokenizer.tokens(p.source(), unit));
      int[] t = targetVocabulary.ids(Tokenizer.tokens(p.target(), TokenUnit.CHAR));
      if (s.length == 0 || t.length == 0) {
        continue;
      }
      out.add(
          new EncodedPair(
              s.length > maxSourceLength ? java.util.Arrays.copyOf(s, maxSourceLength) : s,
              t.length > maxTargetChars ? java.util.Arrays.copyOf(t, maxTargetChars) : t));
    }
    return out;
  }
}

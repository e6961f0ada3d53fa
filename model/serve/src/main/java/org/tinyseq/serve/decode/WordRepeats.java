package org.tinyseq.serve.decode;

import java.util.List;
import org.tinyseq.serve.text.Vocabulary;
import org.tinyseq.serve.text.Words;

/**
 * Word n-gram repetition on character output, with the word rule of {@link Words}. Beam search asks
 * {@link #lastWordRepeats} only of a hypothesis whose last character is inside a word: that word is
 * complete with whatever boundary comes next (a space, a punctuation mark, the end marker), so one
 * answer covers every boundary character of the step.
 */
final class WordRepeats {
  private final Vocabulary target;
  private final boolean[] wordChar;
  private final int n;

  WordRepeats(Vocabulary target, int n) {
    this.target = target;
    this.n = n;
    this.wordChar = new boolean[target.size()];
    for (int id = Vocabulary.RESERVED.size(); id < target.size(); id++) {
      String t = target.token(id);
      wordChar[id] = !t.isEmpty() && t.codePoints().allMatch(Words::isWordCodePoint);
    }
  }

  /** True when the id continues a word; every other id (end marker included) ends one. */
  boolean isWordChar(int id) {
    return wordChar[id];
  }

  /**
   * True when {@code ids} ends inside a word and ending that word now would repeat a word n-gram:
   * its last {@code n} words already occur earlier in the hypothesis.
   */
  boolean lastWordRepeats(int[] ids) {
    int len = ids.length;
    if (len == 0 || !wordChar[ids[len - 1]]) {
      return false;
    }
    List<String> words = Words.of(target.decode(ids, len));
    int w = words.size();
    List<String> last = words.subList(Math.max(0, w - n), w);
    for (int start = 0; start + n < w; start++) {
      if (words.subList(start, start + n).equals(last)) {
        return true;
      }
    }
    return false;
  }
}

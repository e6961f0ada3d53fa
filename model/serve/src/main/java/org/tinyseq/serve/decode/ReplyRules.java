package org.tinyseq.serve.decode;

/**
 * What beam search may keep when it generates replies rather than translations.
 *
 * @param noRepeatWordNgram when above 0, no word n-gram of this size may occur twice inside a
 *     hypothesis: at a word boundary (a character that ends a word, or the end marker) a
 *     continuation that would complete a repeated n-gram is never taken ({@link WordRepeats})
 * @param dropCut hypotheses that reach the step limit without an end marker are dropped instead of
 *     being returned as cut, so an N-best list may hold fewer than N (or no) hypotheses
 */
public record ReplyRules(int noRepeatWordNgram, boolean dropCut) {
  /** Plain beam search: nothing blocked, cut hypotheses kept (flagged). */
  public static final ReplyRules NONE = new ReplyRules(0, false);

  /**
   * For chat candidates: no word 3-gram twice, cut replies dropped, so that no cycle ("the best one
   * of the best one of...") and no cut reply can reach a user or the cache.
   */
  public static final ReplyRules CHAT = new ReplyRules(3, true);

  public ReplyRules {
    if (noRepeatWordNgram < 0) {
      throw new IllegalArgumentException("noRepeatWordNgram must be >= 0: " + noRepeatWordNgram);
    }
  }
}

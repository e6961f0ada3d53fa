package org.tinyseq.serve.chat;

import org.tinyseq.serve.text.Words;

/**
 * One reply the chat path may give.
 *
 * @param text the reply
 * @param origin where it came from
 * @param words its number of words ({@link Words})
 */
public record ChatCandidate(String text, Origin origin, int words) {
  /** Where a candidate came from. */
  public enum Origin {
    /** A human reply to a stored message like the asked one. */
    RETRIEVED,
    /** One of the decoder's N best. */
    GENERATED
  }

  public ChatCandidate(String text, Origin origin) {
    this(text, origin, Words.of(text).size());
  }
}

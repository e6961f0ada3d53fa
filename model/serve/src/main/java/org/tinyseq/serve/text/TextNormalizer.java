package org.tinyseq.serve.text;

import java.text.Normalizer;

/**
 * The normalisation applied to every text before it meets a vocabulary, in training and in serving
 * alike: Unicode NFKC, zero-width and other format characters removed, control characters and
 * whitespace runs folded to one space, trimmed. (Traditional-to-Simplified conversion of the
 * Chinese side is a training-time step of the model module; it needs ICU, which serving does not.)
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  public static String normalize(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String nfkc = Normalizer.normalize(text, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(nfkc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfkc.length(); ) {
      int cp = nfkc.codePointAt(i);
      i += Character.charCount(cp);
      int type = Character.getType(cp);
      if (type == Character.FORMAT) {
        continue; // zero-width space/joiners, BOM, bidi marks
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.CONTROL) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace) {
        out.append(' ');
        pendingSpace = false;
      }
      out.appendCodePoint(cp);
    }
    return out.toString();
  }
}

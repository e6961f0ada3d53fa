package org.tinyseq.serve.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token to id mapping with four reserved entries: {@link #PAD} 0, {@link #START} 1 ({@code \t}),
 * {@link #END} 2 ({@code \n}) and {@link #UNKNOWN} 3. Unknown tokens map to {@link #UNKNOWN}.
 */
public final class Vocabulary {
  public static final int PAD = 0;
  public static final int START = 1;
  public static final int END = 2;
  public static final int UNKNOWN = 3;
  public static final List<String> RESERVED = List.of("<pad>", "\t", "\n", "<unk>");

  private final List<String> tokens;
  private final Map<String, Integer> ids;

  /** Builds a vocabulary from its full token list, reserved entries first. */
  public Vocabulary(List<String> tokens) {
    if (tokens.size() < RESERVED.size() || !tokens.subList(0, 4).equals(RESERVED)) {
      throw new IllegalArgumentException("vocabulary must start with " + RESERVED);
    }
    this.tokens = List.copyOf(tokens);
    this.ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      if (ids.putIfAbsent(tokens.get(i), i) != null) {
        throw new IllegalArgumentException("duplicate vocabulary entry '" + tokens.get(i) + "'");
      }
    }
  }

  /** A vocabulary of the reserved entries followed by {@code regular} (in that order). */
  public static Vocabulary of(List<String> regular) {
    List<String> all = new ArrayList<>(RESERVED);
    all.addAll(regular);
    return new Vocabulary(all);
  }

  public int size() {
    return tokens.size();
  }

  public List<String> tokens() {
    return tokens;
  }

  public String token(int id) {
    return tokens.get(id);
  }

  public int id(String token) {
    return ids.getOrDefault(token, UNKNOWN);
  }

  public int[] ids(List<String> tokenList) {
    int[] out = new int[tokenList.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = id(tokenList.get(i));
    }
    return out;
  }

  /** Concatenates the tokens of {@code ids}, skipping reserved entries (unknown included). */
  public String decode(int[] idArray, int length) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      if (idArray[i] >= RESERVED.size()) {
        sb.append(tokens.get(idArray[i]));
      }
    }
    return sb.toString();
  }
}

package org.tinyseq.train.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.train.data.TextPair;

/**
 * Pairs in corpus order as the dialogues of a pool file: a pair whose message is the previous
 * pair's reply (same conversation, or both without one) continues that dialogue, so each turn of a
 * conversation is stored once. The pairs a pool file gives back are exactly the pairs given, in the
 * same order. A pair with a turn the pool format refuses ({@link PoolFile#isValidTurn}: longer than
 * {@link PoolFile#MAX_TURN_CHARS}, or with a control character) is left out.
 */
public final class PoolDialogues {
  private PoolDialogues() {}

  /** The dialogues of {@code pairs}. */
  public static List<List<String>> of(List<TextPair> pairs) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = null;
    TextPair previous = null;
    for (TextPair pair : pairs) {
      if (!PoolFile.isValidTurn(pair.source()) || !PoolFile.isValidTurn(pair.target())) {
        current = null;
        previous = null;
        continue;
      }
      boolean continues =
          previous != null
              && previous.target().equals(pair.source())
              && Objects.equals(previous.conversation(), pair.conversation());
      if (!continues) {
        current = new ArrayList<>();
        current.add(pair.source());
        out.add(current);
      }
      current.add(pair.target());
      previous = pair;
    }
    return out;
  }

  /** The number of pairs {@code dialogues} hold. */
  public static int pairs(List<List<String>> dialogues) {
    return dialogues.stream().mapToInt(d -> d.size() - 1).sum();
  }
}

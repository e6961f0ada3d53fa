package org.tinyseq.train.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.pool.PoolFile;
import org.tinyseq.train.data.TextPair;

/** Consecutive pairs of a conversation share their turns; the file gives back the same pairs. */
class PoolDialoguesTest {
  private static List<TextPair> back(List<List<String>> dialogues) throws Exception {
    List<TextPair> out = new ArrayList<>();
    PoolFile.read(PoolFile.write(dialogues), (m, r) -> out.add(new TextPair(m, r)));
    return out;
  }

  @Test
  void chainsConsecutivePairsOfAConversationAndKeepsEveryPairInOrder() throws Exception {
    List<TextPair> pairs =
        List.of(
            new TextPair("a", "b", null, "1"),
            new TextPair("b", "c", null, "1"),
            new TextPair("c", "d", null, "1"),
            new TextPair("d", "e", null, "2"), // same text, another conversation: a new dialogue
            new TextPair("x", "y"),
            new TextPair("y", "z"),
            new TextPair("y", "z"));
    List<List<String>> dialogues = PoolDialogues.of(pairs);
    assertEquals(
        List.of(
            List.of("a", "b", "c", "d"),
            List.of("d", "e"),
            List.of("x", "y", "z"),
            List.of("y", "z")),
        dialogues);
    assertEquals(pairs.size(), PoolDialogues.pairs(dialogues));
    assertEquals(
        pairs.stream().map(p -> p.source() + ">" + p.target()).toList(),
        back(dialogues).stream().map(p -> p.source() + ">" + p.target()).toList());
  }

  @Test
  void leavesOutPairsWithATurnThePoolRefusesAndBreaksTheChainThere() {
    String tooLong = "w".repeat(PoolFile.MAX_TURN_CHARS + 1);
    List<TextPair> pairs =
        List.of(
            new TextPair("a", "b", null, "1"),
            new TextPair("b", tooLong, null, "1"),
            new TextPair(tooLong, "c", null, "1"),
            new TextPair("c", "d", null, "1"));
    assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), PoolDialogues.of(pairs));
  }
}

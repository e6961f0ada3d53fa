package org.tinyseq.bot.commands.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyseq.serve.ReloadReport;

class ModelCommandTest {
  @Test
  void reloadRepliesNeverShowServerPaths() {
    String reply =
        ModelCommand.describe(
            new ReloadReport(
                List.of(),
                List.of(
                    "/srv/tinyseq/models/translate/bad: missing file vocab.json",
                    "/srv/tinyseq/models/chat/odd: cannot read x.bin (/srv/tinyseq/models/chat/odd/x.bin)",
                    "default:chat: not embedded in this build"),
                Map.of("translate", "translate-v1")));
    assertFalse(reply.contains("/srv"), reply);
    assertTrue(reply.contains("- bad: missing file vocab.json"), reply);
    assertTrue(reply.contains("- odd: cannot read x.bin (x.bin)"), reply);
    assertTrue(reply.contains("default:chat: not embedded"), reply);
  }

  @Test
  void aChatBundleWithAPoolShowsItsPartsAndRankingInsteadOfAMemory() {
    Map<String, Object> metrics =
        Map.of(
            "validationLoss", 1.254,
            "pool", Map.of("pairs", 350662, "split", "all"),
            "reverse", Map.of("version", "chat-r"),
            "chatRanking", Map.of("lambda", 1.0, "retrieved", 8, "generated", 0),
            "chatEval",
                Map.of(
                    "rerank both ways", Map.of("hitsAt1Of20", 20.75),
                    "retrieval alone (top-1)", Map.of("hitsAt1Of20", 15.45)));
    String line =
        ModelCommand.describe(
            org.tinyseq.serve.Command.CHAT,
            new org.tinyseq.serve.ModelInfo("chat", "chat-v3", "classpath:x", metrics, null));
    assertTrue(
        line.endsWith(
            "validationLoss 1.254; ranked replies: pool 350662 pairs, reverse model chat-r, λ 1,"
                + " k 8, N 0, hits@1/20 20.75 (retrieval alone 15.45)"),
        line);
    String old =
        ModelCommand.describe(
            org.tinyseq.serve.Command.CHAT,
            new org.tinyseq.serve.ModelInfo("chat", "chat-v2", "classpath:x", Map.of(), null));
    assertTrue(old.endsWith("no example memory"), old);
  }

  @Test
  void guildManagersAreNoOperatorsUnlessConfigured() {
    assertFalse(new OperatorPolicy(java.util.Set.of("42"), false).isOperator("7", true));
    assertTrue(new OperatorPolicy(java.util.Set.of("42"), false).isOperator("42", false));
    assertEquals(true, new OperatorPolicy(java.util.Set.of(), true).isOperator("7", true));
  }
}

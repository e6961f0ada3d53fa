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
  void guildManagersAreNoOperatorsUnlessConfigured() {
    assertFalse(new OperatorPolicy(java.util.Set.of("42"), false).isOperator("7", true));
    assertTrue(new OperatorPolicy(java.util.Set.of("42"), false).isOperator("42", false));
    assertEquals(true, new OperatorPolicy(java.util.Set.of(), true).isOperator("7", true));
  }
}

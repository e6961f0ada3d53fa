package org.tinyseq.bot.ops.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class SecretMaskTest {
  // Shaped like a bot token (id.timestamp.hmac), not a real one.
  private static final String TOKEN =
      "MTA5ODc2NTQzMjEwOTg3NjU0Mw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB";

  @Test
  void masksTokenShapedStrings() {
    String line = SecretMask.apply("connecting with " + TOKEN + " now");
    assertEquals("connecting with [masked] now", line);
  }

  @Test
  void masksAuthorizationHeaderValues() {
    assertEquals(
        "Authorization: Bot [masked] sent", SecretMask.apply("Authorization: Bot abc123 sent"));
    assertFalse(SecretMask.apply("{\"authorization\":\"Bearer xyz.1\"}").contains("xyz"));
  }

  @Test
  void leavesOrdinaryLinesAlone() {
    String line = "Loaded translate-20261126T171500Z from /models/translate (3.2 MB) in 41 ms";
    assertEquals(line, SecretMask.apply(line));
  }
}

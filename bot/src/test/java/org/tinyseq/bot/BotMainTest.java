package org.tinyseq.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.testing.FakeDiscord;

/** The entry point with the real serving core: console mode, and one-line start-up errors. */
class BotMainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String stdin) {
    return BotMain.run(
        env,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        false);
  }

  @Test
  void withoutATokenItIsAConsoleThatEndsAtEof() {
    int code = run(Map.of(), "/help\n/translate \u0007\n");
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
    assertTrue(text.contains("/translate <text>"), text);
    assertTrue(text.contains("! That text contains control or invalid characters"), text);
  }

  @Test
  void anOutOfRangeSettingIsOneLineNamingTheKeyAndExitTwo() {
    assertEquals(2, run(Map.of("MAX_INPUT_CHARS", "99999999999"), ""));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, message.lines().count(), message);
    assertTrue(
        message.startsWith("tinyseq: configuration error: MAX_INPUT_CHARS must be between"),
        message);
    assertFalse(message.contains("Exception"), message);
  }

  @Test
  void aBadSettingIsOneLineAndExitTwo() {
    assertEquals(2, run(Map.of("RATE_LIMIT_USER_PER_MINUTE", "many"), ""));
    String message = err.toString(StandardCharsets.UTF_8);
    assertEquals(
        "tinyseq: configuration error: RATE_LIMIT_USER_PER_MINUTE must be a whole number, not"
            + " 'many'\n",
        message);
  }

  @Test
  void aRefusedTokenIsOneLineAndExitFourWithoutTheToken() throws Exception {
    try (FakeDiscord discord = new FakeDiscord("the-right-token")) {
      int code =
          run(
              Map.of(
                  "DISCORD_TOKEN", "the-wrong-token",
                  "DISCORD_API_BASE_URL", discord.apiBaseUrl(),
                  "DISCORD_GATEWAY_URL", discord.gatewayUrl()),
              "");
      String message = err.toString(StandardCharsets.UTF_8);
      assertEquals(4, code);
      // an operator (or a restart policy) can tell a refused token from a configuration error
      assertEquals(2, BotMain.EXIT_CONFIG);
      assertEquals(1, message.lines().count(), message);
      assertTrue(message.contains("Discord refused the token"), message);
      assertFalse(message.contains("the-wrong-token"), message);
    }
  }
}

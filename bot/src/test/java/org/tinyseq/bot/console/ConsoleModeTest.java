package org.tinyseq.bot.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.commands.model.OperatorPolicy;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.testing.FakeModelService;

class ConsoleModeTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final FakeModelService service = new FakeModelService();

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private String run(String input, boolean interactive, int perMinute) throws Exception {
    BotCommands commands =
        new BotCommands(
            service,
            new RateLimiter(perMinute, 100),
            new OperatorPolicy(Set.of(), false),
            500,
            executor);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new ConsoleMode(
            commands, service, new BufferedReader(new StringReader(input)), out, interactive)
        .run();
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void pipedLinesGetOneAnswerEachAndEofEnds() throws Exception {
    String out = run("/translate Hello.\n/chat hi\n\nGood day.\n", false, 10);
    assertEquals("译:Hello.\n答:hi\n译:Good day.\n", out);
  }

  @Test
  void modelHelpAndUnknownCommands() throws Exception {
    String out = run("/model\n/help\n/frobnicate\n/model reload\n", false, 10);
    assertTrue(out.contains("/translate English → Chinese: translate-v1 — bleu 12.346"), out);
    assertTrue(out.contains("75% hit rate"), out);
    assertTrue(out.contains("/chat <message>"), out);
    assertTrue(out.contains("! Unknown command /frobnicate. Type /help for the list."), out);
    assertTrue(out.contains("Serving: chat chat-v1 translate translate-v2"), out);
  }

  @Test
  void aliasesAndSubcommandUsageComeFromTheDefinitions() throws Exception {
    String out = run("/t Hi.\n/c hi\n/model frobnicate\n/MODEL INFO\n", false, 10);
    assertTrue(out.startsWith("译:Hi.\n答:hi\n! Usage: /model or /model reload\n"), out);
    assertTrue(out.contains("75% hit rate"), out);
  }

  @Test
  void sameRateLimitsAsDiscord() throws Exception {
    String out = run("/chat a\n/chat b\n/chat c\n", false, 2);
    assertTrue(out.endsWith("! You are going a bit fast: please try again in 30 seconds.\n"), out);
  }

  @Test
  void interactiveSessionsGetABannerAndPromptAndQuitEnds() throws Exception {
    String out = run("/translate Hi.\n/quit\n/chat never\n", true, 10);
    assertTrue(out.startsWith("tinyseq console"), out);
    assertTrue(
        out.contains("translate translate-v1, translate-zh-en translate-zh-en-v1, chat chat-v1"),
        out);
    assertTrue(out.contains("> 译:Hi.\n\u001b[2m  translate-v1 · 0 ms\u001b[0m\n> "), out);
    assertTrue(!out.contains("never"), out);
  }
}

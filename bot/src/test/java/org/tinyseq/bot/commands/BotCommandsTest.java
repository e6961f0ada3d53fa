package org.tinyseq.bot.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.commands.model.OperatorPolicy;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.reply.MessageLimits;
import org.tinyseq.bot.testing.FakeModelService;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.Status;

class BotCommandsTest {
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private final FakeModelService service = new FakeModelService();
  private final BotCommands commands =
      new BotCommands(
          service, new RateLimiter(3, 100), new OperatorPolicy(Set.of("42"), true), 20, executor);

  @AfterEach
  void stop() {
    executor.shutdownNow();
  }

  private Answer slash(String name, Invocation invocation) {
    return commands.find(CommandDefinition.Kind.SLASH, name).orElseThrow().handle(invocation);
  }

  private Answer translate(String user, String text) {
    return slash("translate", Invocation.slash(user, "g", Map.of("text", text)));
  }

  private Answer chat(String user, String text) {
    return slash("chat", Invocation.slash(user, null, Map.of("message", text)));
  }

  private Answer translateMessage(String user, String text) {
    return commands
        .find(CommandDefinition.Kind.MESSAGE_MENU, "Translate message")
        .orElseThrow()
        .handle(Invocation.messageMenu(user, "g", text));
  }

  private Answer model(String subcommand, String user, boolean managesGuild) {
    return slash("model", new Invocation(user, "g", managesGuild, false, subcommand, Map.of(), ""));
  }

  @Test
  void cachedAnswerIsImmediateAndUncachedIsLater() {
    service.cache("Hi.");
    Answer now = translate("u1", "Hi.");
    assertInstanceOf(Answer.Now.class, now);
    assertEquals(FakeModelService.translation("Hi."), now.await().text());

    CompletableFuture<Void> gate = service.hold();
    Answer later = translate("u1", "Bye.");
    Answer.Later l = assertInstanceOf(Answer.Later.class, later);
    assertFalse(l.reply().isDone());
    gate.complete(null);
    BotReply r = later.await();
    assertEquals(FakeModelService.translation("Bye."), r.text());
    assertEquals(BotReply.Outcome.ANSWER, r.outcome());
    service.release();
  }

  @Test
  void invalidInputIsRefusedBeforeTheModelAndTheLimit() {
    for (String bad : new String[] {"", "   ", "x".repeat(21), "bell\u0007"}) {
      BotReply r = translate("u2", bad).await();
      assertTrue(r.isError() && r.ephemeral(), bad);
    }
    assertTrue(translate("u2", "x".repeat(21)).await().text().contains("20 characters"));
    assertTrue(translate("u2", "tab\tand\nnewline ok").await().text().startsWith("译:"));
    assertEquals(1, service.submits());
  }

  @Test
  void serviceFailuresBecomeShortEphemeralMessages() {
    service.failWith(Status.TIMEOUT);
    BotReply r = chat("u3", "hello").await();
    assertEquals(BotReply.Outcome.FAILED, r.outcome());
    assertTrue(r.ephemeral());
    assertTrue(r.text().contains("took too long"), r.text());
    assertFalse(r.text().contains("Exception"));
  }

  @Test
  void modelLengthLimitIsQuotedFromTheService() {
    service.failWith(Status.TOO_LONG);
    BotReply r = translate("u4", "short text").await();
    assertEquals(BotReply.Outcome.REJECTED, r.outcome());
    assertEquals("failed", r.text(), "the service's message names the model's limit");
  }

  @Test
  void repliesNeverExceedDiscordsLimit() {
    BotReply r = BotReply.answer("好".repeat(5000), false);
    assertEquals(MessageLimits.MAX_CHARS, r.text().length());
    assertTrue(r.text().endsWith("…"));
  }

  @Test
  void contextMenuExplainsAMessageWithoutText() {
    BotReply r = translateMessage("u4", "").await();
    assertTrue(r.isError());
    assertEquals("That message has no text to translate.", r.text());
    service.cache("Good night.");
    assertEquals(
        FakeModelService.translation("Good night."),
        translateMessage("u4", "Good night.").await().text());
  }

  @Test
  void modelInfoAndOperatorOnlyReload() {
    String info = model("info", "7", false).await().text();
    assertTrue(
        info.contains(
            "`/translate` English → Chinese: `translate-v1` — bleu 12.346, chrf 31, epochs 7"),
        info);
    assertTrue(info.contains("75% hit rate (3 hits, 1 misses, 4 entries)"), info);

    assertTrue(model("reload", "7", false).await().isError());
    assertEquals(0, service.reloads());
    assertTrue(model("reload", "42", false).await().text().contains("translate-v2"));
    assertFalse(model("reload", "7", true).await().isError(), "Manage Server counts");
    assertEquals(2, service.reloads());
  }

  @Test
  void chatUsesTheChatModel() {
    service.cache(Command.CHAT, "hi");
    assertEquals(FakeModelService.chatReply("hi"), chat("u5", "hi").await().text());
  }

  @Test
  void theBotUsesTheServicesOwnInputCheck() {
    // 100 spaces inside a short text (the 600 with a limit of 500): the normalised text is
    // short, so it is accepted and sent
    // normalised (the bot used to count the raw spaces and refuse it)
    Answer spaced = translate("u6", "a" + " ".repeat(100) + "b");
    assertEquals(FakeModelService.translation("a b"), spaced.await().text());
    // a lone surrogate: refused by the one check (the bot used to let it through)
    int before = service.submits();
    BotReply lone = translate("u6", "a\ud800b").await();
    assertEquals(BotReply.Outcome.REJECTED, lone.outcome());
    assertTrue(lone.text().contains("invalid characters"), lone.text());
    assertEquals(before, service.submits());
  }

  @Test
  void everyStatusHasItsOneMessage() {
    service.failWith(Status.NOT_ENGLISH);
    BotReply r = translate("u7", "你好").await();
    assertEquals(BotReply.Outcome.REJECTED, r.outcome());
    assertTrue(r.text().contains("not English"), r.text());
    for (Status s : Status.values()) {
      assertFalse(
          org.tinyseq.bot.reply.StatusMessages.of(Command.TRANSLATE, s, 20).text().isBlank(),
          s.toString());
    }
  }
}

package org.tinyseq.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.config.BotConfig;
import org.tinyseq.bot.testing.FakeDiscord;
import org.tinyseq.bot.testing.FakeModelService;
import org.tinyseq.bot.testing.Interactions;
import org.tinyseq.bot.testing.RestCall;

/**
 * JDA, as configured by the bot, against the loopback Discord-compatible server: registration,
 * immediate and deferred answers, the context menu, /chat, /model, refusals, mentions, a 429 and a
 * gateway disconnect. Every REST body is validated against Discord's OpenAPI description.
 */
class DiscordEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "test-token";
  private static final String OPERATOR = "1000000000000000777";
  private static final AtomicInteger USERS = new AtomicInteger();
  private static final AtomicInteger TOKENS = new AtomicInteger();

  private static FakeDiscord discord;
  private static FakeModelService service;
  private static ExecutorService executor;
  private static DiscordBot bot;
  private static RestCall registration;

  @BeforeAll
  static void startBot() throws Exception {
    discord = new FakeDiscord(TOKEN);
    service = new FakeModelService();
    executor = Executors.newFixedThreadPool(4);
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", TOKEN);
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("DISCORD_DEV_GUILD", FakeDiscord.GUILD_ID);
    env.put("RATE_LIMIT_USER_PER_MINUTE", "3");
    env.put("RATE_LIMIT_GUILD_PER_MINUTE", "1000");
    env.put("MAX_INPUT_CHARS", "100");
    env.put("OPERATOR_IDS", OPERATOR);
    BotConfig config = BotConfig.of(env);
    bot = DiscordBot.start(config, BotCommands.of(config, service, executor), executor);
    registration = discord.await(c -> c.is("PUT", "/applications/\\d+/guilds/\\d+/commands"), WAIT);
  }

  @AfterAll
  static void stopBot() {
    if (bot != null) {
      bot.close();
    }
    executor.shutdownNow();
    discord.close();
  }

  @AfterEach
  void everyBodyMatchedTheSpec() {
    assertEquals(List.of(), discord.violations());
  }

  @Test
  void registersTheCommandsToTheDevGuildWithValidDefinitions() {
    JsonNode body = registration.body();
    assertEquals(4, body.size());
    JsonNode translate = find(body, "translate");
    JsonNode text = translate.get("options").get(0);
    assertEquals("text", text.get("name").asText());
    assertEquals(100, text.get("max_length").asInt());
    assertTrue(text.get("required").asBoolean());
    assertFalse(text.get("description").asText().isBlank());
    JsonNode to = translate.get("options").get(1);
    assertEquals("to", to.get("name").asText());
    assertEquals(3, to.get("choices").size());
    assertEquals("english", to.get("choices").get(1).get("value").asText());
    assertEquals("private", translate.get("options").get(2).get("name").asText());
    assertEquals(5, translate.get("options").get(2).get("type").asInt());
    assertEquals(3, find(body, "Translate message").get("type").asInt());
    JsonNode model = find(body, "model");
    assertEquals(1, model.get("options").get(0).get("type").asInt()); // subcommand
    assertTrue(bot.connected());
  }

  @Test
  void cachedTranslationIsTheImmediateInteractionResponse() throws Exception {
    service.cache("Hello.");
    String token = send(Interactions.slash(user(), token(), "translate", "text", "Hello."));
    RestCall reply = discord.await(callback(token), WAIT);
    assertEquals(4, reply.callbackType());
    assertEquals(FakeModelService.translation("Hello."), reply.content());
    assertFalse(reply.ephemeral());
    assertNoMentions(reply);
  }

  @Test
  void privateOptionMakesTheAnswerEphemeral() throws Exception {
    service.cache("Secret.");
    String token =
        send(Interactions.slash(user(), token(), "translate", "text", "Secret.", "private", true));
    RestCall reply = discord.await(callback(token), WAIT);
    assertEquals(4, reply.callbackType());
    assertTrue(reply.ephemeral());
  }

  @Test
  void uncachedTranslationDefersThenEditsTheOriginalResponse() throws Exception {
    CompletableFuture<Void> gate = service.hold();
    try {
      String token = send(Interactions.slash(user(), token(), "translate", "text", "Slow one."));
      RestCall deferred = discord.await(callback(token), WAIT);
      assertEquals(5, deferred.callbackType());
      assertTrue(discord.calls(original(token)).isEmpty(), "no edit before the decode ends");
      gate.complete(null);
      RestCall edit = discord.await(original(token), WAIT);
      assertEquals(FakeModelService.translation("Slow one."), edit.content());
      assertNoMentions(edit);
    } finally {
      service.release();
    }
  }

  @Test
  void contextMenuTranslatesTheTargetedMessage() throws Exception {
    String token =
        send(Interactions.messageCommand(user(), token(), "Translate message", "Good morning."));
    discord.await(callback(token).and(c -> c.callbackType() == 5), WAIT);
    RestCall edit = discord.await(original(token), WAIT);
    assertEquals(FakeModelService.translation("Good morning."), edit.content());
  }

  @Test
  void chatAnswersThroughTheChatModel() throws Exception {
    String token = send(Interactions.slash(user(), token(), "chat", "message", "hi"));
    RestCall edit = discord.await(original(token), WAIT);
    assertEquals(FakeModelService.chatReply("hi"), edit.content());
  }

  @Test
  void modelInfoShowsVersionsFiguresAndHitRate() throws Exception {
    String token = send(Interactions.subcommand(user(), token(), "model", "info"));
    RestCall reply = discord.await(callback(token), WAIT);
    assertEquals(4, reply.callbackType());
    assertTrue(reply.content().contains("translate-v1"), reply.content());
    assertTrue(reply.content().contains("bleu 12.346"), reply.content());
    assertTrue(reply.content().contains("75% hit rate"), reply.content());
  }

  @Test
  void reloadIsRefusedToOrdinaryMembersAndGuildManagersAndRunsForOperators() throws Exception {
    int before = service.reloads();
    String refused = send(Interactions.subcommand(user(), token(), "model", "reload"));
    RestCall no = discord.await(callback(refused), WAIT);
    assertTrue(no.ephemeral());
    assertTrue(no.content().contains("operators"), no.content());
    assertEquals(before, service.reloads());

    String allowed = send(Interactions.subcommand(OPERATOR, token(), "model", "reload"));
    RestCall edit = discord.await(original(allowed), WAIT);
    assertTrue(edit.content().contains("translate-v2"), edit.content());
    assertEquals(before + 1, service.reloads());

    String manager =
        send(
            Interactions.asGuildManager(
                Interactions.subcommand(user(), token(), "model", "reload")));
    RestCall managerNo = discord.await(callback(manager), WAIT);
    assertTrue(managerNo.content().contains("operators"), managerNo.content());
    assertEquals(
        before + 1,
        service.reloads(),
        "Manage Server alone is not enough: OPERATORS_INCLUDE_GUILD_MANAGERS defaults to false");
  }

  @Test
  void fourthRequestWithinAMinuteIsRefusedWithWhenToRetry() throws Exception {
    String u = user();
    for (int i = 0; i < 3; i++) {
      service.cache("Again " + i);
      String token = send(Interactions.slash(u, token(), "translate", "text", "Again " + i));
      assertFalse(discord.await(callback(token), WAIT).ephemeral());
    }
    String token = send(Interactions.slash(u, token(), "translate", "text", "Again 3"));
    RestCall refusal = discord.await(callback(token), WAIT);
    assertEquals(4, refusal.callbackType());
    assertTrue(refusal.ephemeral());
    assertTrue(refusal.content().matches(".*try again in \\d+ seconds?\\..*"), refusal.content());
  }

  @Test
  void overLongInputGetsAShortEphemeralError() throws Exception {
    int submits = service.submits();
    String token = send(Interactions.slash(user(), token(), "translate", "text", "a".repeat(101)));
    RestCall reply = discord.await(callback(token), WAIT);
    assertEquals(4, reply.callbackType());
    assertTrue(reply.ephemeral());
    assertTrue(reply.content().contains("100 characters"), reply.content());
    assertEquals(submits, service.submits(), "never reaches the model");
  }

  @Test
  void mentionsInInputAndOutputNeverPing() throws Exception {
    String attack = "@everyone @here <@1000000000000000001> <@&1200000000000000001>";
    service.cache(attack);
    String token = send(Interactions.slash(user(), token(), "translate", "text", attack));
    RestCall reply = discord.await(callback(token), WAIT);
    assertTrue(reply.content().contains("@everyone"), reply.content());
    assertNoMentions(reply);

    String deferred = send(Interactions.slash(user(), token(), "chat", "message", attack));
    RestCall edit = discord.await(original(deferred), WAIT);
    assertTrue(edit.content().contains("<@&1200000000000000001>"), edit.content());
    assertNoMentions(edit);
  }

  @Test
  void decodeFailureAfterAPublicDeferBecomesAnEphemeralFollowUp() throws Exception {
    service.failWith(org.tinyseq.serve.Status.BUSY);
    try {
      String token = send(Interactions.slash(user(), token(), "chat", "message", "busy?"));
      discord.await(c -> c.is("DELETE", "/webhooks/\\d+/" + token + "/messages/@original"), WAIT);
      RestCall followUp = discord.await(c -> c.is("POST", "/webhooks/\\d+/" + token), WAIT);
      assertTrue(followUp.ephemeral());
      assertTrue(followUp.content().contains("busy"), followUp.content());
      assertNoMentions(followUp);
    } finally {
      service.failWith(null);
    }
  }

  @Test
  void ridesOutA429WithRetryAfter() throws Exception {
    service.cache("Rate limited.");
    discord.rateLimitNextCallbacks(1);
    String token = send(Interactions.slash(user(), token(), "translate", "text", "Rate limited."));
    RestCall ok = discord.await(callback(token).and(c -> c.status() == 204), WAIT);
    List<RestCall> all = discord.calls(callback(token));
    assertEquals(429, all.get(0).status());
    assertEquals(2, all.size());
    assertEquals(FakeModelService.translation("Rate limited."), ok.content());
  }

  @Test
  void recoversFromAGatewayDisconnect() throws Exception {
    int sessions = discord.gateway().sessions();
    discord.gateway().drop();
    discord.gateway().awaitSessions(sessions + 1, WAIT);
    service.cache("After the drop.");
    String token =
        send(Interactions.slash(user(), token(), "translate", "text", "After the drop."));
    RestCall reply = discord.await(callback(token), WAIT);
    assertEquals(FakeModelService.translation("After the drop."), reply.content());
    assertEquals(1, discord.gateway().resumes(), "JDA resumed the session");
  }

  // ---------------------------------------------------------------------------------------------

  private static String send(com.fasterxml.jackson.databind.node.ObjectNode interaction) {
    discord.gateway().dispatchInteraction(interaction);
    return interaction.get("token").asText();
  }

  private static String user() {
    return "10000000000000" + (10000 + USERS.incrementAndGet());
  }

  private static String token() {
    return "tok" + TOKENS.incrementAndGet() + "x" + System.nanoTime();
  }

  private static Predicate<RestCall> callback(String token) {
    return c -> c.is("POST", "/interactions/\\d+/" + token + "/callback");
  }

  private static Predicate<RestCall> original(String token) {
    return c -> c.is("PATCH", "/webhooks/\\d+/" + token + "/messages/@original");
  }

  private static void assertNoMentions(RestCall call) {
    JsonNode allowed = call.allowedMentions();
    assertTrue(allowed != null && allowed.isObject(), "allowed_mentions missing in " + call.body());
    assertTrue(
        allowed.get("parse").isArray() && allowed.get("parse").isEmpty(), allowed.toString());
    for (String key : new String[] {"users", "roles"}) {
      assertTrue(!allowed.has(key) || allowed.get(key).isEmpty(), allowed.toString());
    }
  }

  private static JsonNode find(JsonNode commands, String name) {
    for (JsonNode c : commands) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no command " + name + " in " + commands);
  }
}

package org.tinyseq.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.config.BotConfig;
import org.tinyseq.bot.testing.FakeDiscord;
import org.tinyseq.bot.testing.FakeModelService;
import org.tinyseq.bot.testing.Interactions;
import org.tinyseq.bot.testing.RestCall;

/** Start-up and shutdown against the loopback server: global registration, bad token, SIGTERM. */
class LifecycleEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "lifecycle-token";

  private FakeDiscord discord;
  private final FakeModelService service = new FakeModelService();
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  @BeforeEach
  void start() throws Exception {
    discord = new FakeDiscord(TOKEN);
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    discord.close();
    assertEquals(List.of(), discord.violations());
  }

  private BotConfig config(String token, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("DISCORD_TOKEN", token);
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl());
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SHUTDOWN_GRACE_SECONDS", "30");
    return BotConfig.of(env);
  }

  @Test
  void withoutADevGuildCommandsAreRegisteredGloballyOnAConfiguredShardRange() throws Exception {
    BotConfig config =
        config(TOKEN, Map.of("SHARDS_TOTAL", "1", "SHARD_MIN", "0", "SHARD_MAX", "0"));
    DiscordBot bot = DiscordBot.start(config, BotCommands.of(config, service, executor), executor);
    try {
      RestCall put = discord.await(c -> c.method().equals("PUT"), WAIT);
      assertTrue(
          put.path().matches("/applications/" + FakeDiscord.BOT_ID + "/commands"), put.path());
      assertEquals(4, put.body().size());
      assertEquals(1, bot.shardManager().getShardsTotal());
    } finally {
      bot.close();
    }
  }

  @Test
  void aRefusedTokenIsInvalidTokenException() {
    BotConfig config = config("wrong-token", Map.of());
    assertThrows(
        InvalidTokenException.class,
        () -> DiscordBot.start(config, BotCommands.of(config, service, executor), executor));
  }

  @Test
  void shutdownFinishesInFlightInteractionsAndRefusesNewOnes() throws Exception {
    BotConfig config = config(TOKEN, Map.of("DISCORD_DEV_GUILD", FakeDiscord.GUILD_ID));
    DiscordBot bot = DiscordBot.start(config, BotCommands.of(config, service, executor), executor);
    discord.await(c -> c.method().equals("PUT"), WAIT);

    CompletableFuture<Void> gate = service.hold();
    discord
        .gateway()
        .dispatchInteraction(
            Interactions.slash("1000000000000000101", "inflight", "chat", "message", "wait"));
    discord.await(c -> c.is("POST", "/interactions/\\d+/inflight/callback"), WAIT);
    assertEquals(1, bot.inFlight());

    CompletableFuture<Void> closing = CompletableFuture.runAsync(bot::close);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!bot.closing()) { // close runs on another thread: the latecomer must come after it began
      assertTrue(System.nanoTime() < deadline, "close did not begin");
      Thread.yield();
    }
    // Closing waits for the decode; meanwhile a new interaction is turned away politely.
    discord
        .gateway()
        .dispatchInteraction(
            Interactions.slash("1000000000000000102", "latecomer", "chat", "message", "hi"));
    RestCall refused =
        discord.await(c -> c.is("POST", "/interactions/\\d+/latecomer/callback"), WAIT);
    assertTrue(refused.ephemeral());
    assertTrue(refused.content().contains("restarting"), refused.content());
    assertFalse(closing.isDone(), "close waits for the interaction in flight");

    gate.complete(null);
    RestCall edit =
        discord.await(c -> c.is("PATCH", "/webhooks/\\d+/inflight/messages/@original"), WAIT);
    assertEquals(FakeModelService.chatReply("wait"), edit.content());
    closing.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertEquals(0, bot.inFlight());
    service.release();
  }
}

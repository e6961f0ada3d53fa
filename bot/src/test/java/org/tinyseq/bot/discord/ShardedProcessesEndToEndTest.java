package org.tinyseq.bot.discord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.bot.testing.BotProcess;
import org.tinyseq.bot.testing.FakeDiscord;
import org.tinyseq.bot.testing.FakeGateway;
import org.tinyseq.bot.testing.Interactions;
import org.tinyseq.bot.testing.OneTokenBundles;
import org.tinyseq.bot.testing.RestCall;

/**
 * Scale-out: two bot processes, shards 0 and 1 of 2, against one Discord-compatible server and one
 * models folder. Each identifies with its own shard, answers the interactions of the guild Discord
 * routes to that shard ({@code guild_id >> 22 % 2}) and never the other's; only shard 0 registers
 * the global commands. A bundle published into the shared folder is picked up by each process on
 * its own. The two guilds' REST calls are told apart by each process's own REST base URL.
 */
class ShardedProcessesEndToEndTest {
  private static final Duration START = Duration.ofSeconds(120);
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String TOKEN = "sharded-token";
  private static final AtomicInteger USERS = new AtomicInteger();

  /** The guild of each shard: {@link FakeDiscord#GUILD_ID} is on shard 1, the next one on 0. */
  private static final List<String> GUILDS =
      List.of(
          Long.toString(Long.parseLong(FakeDiscord.GUILD_ID) + (1L << 22)), FakeDiscord.GUILD_ID);

  @TempDir Path models;
  private FakeDiscord discord;
  private final BotProcess[] bots = new BotProcess[2];

  @AfterEach
  void stopEverything() {
    for (BotProcess bot : bots) {
      if (bot != null) {
        bot.close();
      }
    }
    if (discord != null) {
      discord.close();
    }
  }

  @Test
  void eachProcessAnswersItsOwnShardsGuildsAndHotSwapsOnItsOwn() throws Exception {
    for (int shard = 0; shard < 2; shard++) {
      assertEquals(
          shard, FakeGateway.shardOf(GUILDS.get(shard), 2), "test guild of shard " + shard);
    }
    Instant earlier = Instant.now().minusSeconds(60);
    OneTokenBundles.write(models, "translate", "translate-a", "甲", earlier);
    OneTokenBundles.write(models, "chat", "chat-a", "嗯", earlier);
    discord = new FakeDiscord(TOKEN, 2, GUILDS);
    for (int shard = 0; shard < 2; shard++) {
      bots[shard] = BotProcess.start("shard-" + shard, env(shard));
    }

    discord.gateway().awaitSessions(2, START);
    assertEquals(
        List.of(List.of(0, 2), List.of(1, 2)),
        discord.gateway().identifiedShards().stream()
            .sorted((a, b) -> a.get(0) - b.get(0))
            .toList(),
        "one IDENTIFY per shard, each with its own shard id");
    RestCall global = discord.await(c -> c.is("PUT", "/applications/\\d+/commands"), WAIT);
    assertEquals("shard-0", global.client(), "the global commands come from shard 0's process");

    for (int shard = 0; shard < 2; shard++) {
      assertAnsweredByItsShard(shard, "before-" + shard, "go 1", "甲");
    }

    OneTokenBundles.write(models, "translate", "translate-b", "乙", Instant.now());
    for (BotProcess bot : bots) {
      bot.awaitLine(l -> l.contains("Serving translate model translate-b"), WAIT);
    }
    for (int shard = 0; shard < 2; shard++) {
      assertAnsweredByItsShard(shard, "after-" + shard, "go 2", "乙");
    }

    assertEquals(
        1, discord.calls(c -> c.method().equals("PUT")).size(), "one command registration in all");
    for (int shard = 0; shard < 2; shard++) {
      assertEquals(143, bots[shard].stop(), "shard " + shard + " stops on SIGTERM");
      assertTrue(bots[shard].output().contains("Stopped"), bots[shard].output());
    }
    assertEquals(List.of(), discord.violations());
  }

  /**
   * /translate in the guild of {@code shard}: the deferral and the answer come from that shard's
   * process, from a bundle answering {@code token}, and the other process sends nothing for it.
   */
  private void assertAnsweredByItsShard(int shard, String token, String text, String answer)
      throws InterruptedException {
    String user = Long.toString(1000000000000000100L + USERS.incrementAndGet());
    discord
        .gateway()
        .dispatchInteraction(
            Interactions.inGuild(
                Interactions.slash(user, token, "translate", "text", text), GUILDS.get(shard)));
    RestCall edit =
        discord.await(c -> c.is("PATCH", "/webhooks/\\d+/" + token + "/messages/@original"), WAIT);
    assertTrue(edit.content().matches(answer + "+( …)?"), edit.content());
    List<String> clients =
        discord.calls(c -> c.path().contains("/" + token + "/")).stream()
            .map(RestCall::client)
            .distinct()
            .toList();
    assertEquals(List.of("shard-" + shard), clients, "who answered " + token);
  }

  private Map<String, String> env(int shard) {
    Map<String, String> env = new HashMap<>();
    env.put("DISCORD_TOKEN", TOKEN);
    env.put("DISCORD_API_BASE_URL", discord.apiBaseUrl("shard-" + shard));
    env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
    env.put("SHARDS_TOTAL", "2");
    env.put("SHARD_MIN", Integer.toString(shard));
    env.put("SHARD_MAX", Integer.toString(shard));
    env.put("MODELS_DIR", models.toString());
    env.put("USE_DEFAULT_MODELS", "false");
    env.put("MODELS_WATCH_INTERVAL_MS", "100");
    env.put("MAX_OUTPUT_STEPS", "3");
    env.put("SHUTDOWN_GRACE_SECONDS", "5");
    env.put("LOG_LEVEL", "INFO");
    return env;
  }
}

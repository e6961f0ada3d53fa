package org.tinyseq.bot.discord;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Activity;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.commands.BotCommands;
import org.tinyseq.bot.config.BotConfig;

/**
 * The bot connected to Discord: a shard manager (configurable total and range), the interaction
 * listener, and an orderly shutdown. Start with {@link #start}; {@link #close()} stops taking
 * interactions, lets those in flight finish (up to the configured grace), then closes JDA.
 */
public final class DiscordBot implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

  private final ShardManager shards;
  private final InFlight inFlight;
  private final Duration grace;

  private DiscordBot(ShardManager shards, InFlight inFlight, Duration grace) {
    this.shards = shards;
    this.inFlight = inFlight;
    this.grace = grace;
  }

  /**
   * Logs in and starts the shards (they connect in the background; see {@link #connected()}).
   *
   * @param executor runs the interaction handling, never JDA's gateway threads
   * @throws InvalidTokenException when Discord refuses the token
   */
  public static DiscordBot start(BotConfig config, BotCommands commands, ExecutorService executor) {
    // Nothing the bot sends may ping anyone: the default for every message, and set per message.
    MessageRequest.setDefaultMentions(
        EnumSet.noneOf(net.dv8tion.jda.api.entities.Message.MentionType.class));
    MessageRequest.setDefaultMentionRepliedUser(false);
    InFlight inFlight = new InFlight();
    DefaultShardManagerBuilder builder =
        DefaultShardManagerBuilder.createLight(
                config.token().reveal(), EnumSet.noneOf(GatewayIntent.class))
            .setRestConfig(new RestConfig().setBaseUrl(config.apiBaseUrl()))
            .setSessionController(new GatewaySessionController(config.gatewayUrl()))
            .setEnableShutdownHook(false)
            .setActivity(Activity.listening("/translate"))
            .setShardsTotal(config.shardsTotal())
            .addEventListeners(
                new InteractionListener(commands, executor, inFlight, config.devGuild()));
    if (config.shardMin().isPresent()) {
      builder.setShards(config.shardMin().getAsInt(), config.shardMax().getAsInt());
    }
    if (config.gatewayUrl().isPresent()) {
      // Discord-compatible servers and proxies speak plain JSON text frames.
      builder.setCompression(Compression.NONE);
    }
    ShardManager shards = builder.build();
    log.info(
        "Discord: {} shard(s) starting against {}", shards.getShardsTotal(), config.apiBaseUrl());
    return new DiscordBot(shards, inFlight, config.shutdownGrace());
  }

  /** True when every shard this process runs is connected to the gateway. */
  public boolean connected() {
    var list = shards.getShards();
    return !list.isEmpty() && list.stream().allMatch(j -> j.getStatus() == JDA.Status.CONNECTED);
  }

  public ShardManager shardManager() {
    return shards;
  }

  /** Interactions being answered right now. */
  public int inFlight() {
    return inFlight.count();
  }

  /** True once {@link #close()} has begun: new interactions are turned away. */
  public boolean closing() {
    return inFlight.isClosed();
  }

  /** Stops taking interactions, waits for those in flight, then shuts the shards down. */
  @Override
  public void close() {
    inFlight.close();
    try {
      if (!inFlight.awaitIdle(grace)) {
        log.warn("{} interaction(s) still in flight after {}; closing anyway", inFlight(), grace);
      }
      List<JDA> running = List.copyOf(shards.getShards());
      shards.shutdown();
      for (JDA jda : running) {
        jda.awaitShutdown(Duration.ofSeconds(10));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      shards.shutdown();
    }
  }
}

package org.tinyseq.bot.discord;

import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * The stock session controller, but with a configured gateway URL when there is one. The shard
 * manager still asks {@code GET gateway/bot} (on the configured REST base) for the recommended
 * shard count and the IDENTIFY concurrency; only the URL is replaced.
 */
final class GatewaySessionController extends ConcurrentSessionController {
  private final Optional<String> gatewayUrl;

  GatewaySessionController(Optional<String> gatewayUrl) {
    this.gatewayUrl = gatewayUrl;
  }

  @Override
  public String getGateway() {
    return gatewayUrl.orElseGet(super::getGateway);
  }

  @Override
  public ShardedGateway getShardedGateway(JDA api) {
    ShardedGateway discord = super.getShardedGateway(api);
    return gatewayUrl
        .map(url -> new ShardedGateway(url, discord.getShardTotal(), discord.getConcurrency()))
        .orElse(discord);
  }
}

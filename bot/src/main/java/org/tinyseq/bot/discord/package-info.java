/**
 * The Discord adapter on JDA: command definitions and registration, the interaction listener that
 * hands work to the bot's own executor, replies with mentions disabled, sharding through {@link
 * net.dv8tion.jda.api.sharding.DefaultShardManager}, configurable REST and gateway URLs, and the
 * graceful shutdown.
 */
package org.tinyseq.bot.discord;

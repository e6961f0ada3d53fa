/**
 * The bot's configuration: defaults from {@code bot.properties} (on the classpath, a copy of {@code
 * config/bot.properties}), an optional file named by {@code BOT_CONFIG}, then environment variables
 * of the same names. {@link org.tinyseq.bot.config.BotConfig} is the typed result.
 */
package org.tinyseq.bot.config;

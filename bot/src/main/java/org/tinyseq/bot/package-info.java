/**
 * The bot application: {@link org.tinyseq.bot.BotMain} reads the configuration, loads the models
 * and runs either the Discord bot (a token is configured) or the console. Features live in the
 * sub-packages {@code config}, {@code commands}, {@code ratelimit}, {@code reply}, {@code discord},
 * {@code console} and {@code ops}.
 */
package org.tinyseq.bot;

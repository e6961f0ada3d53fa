/**
 * The bot's commands, independent of JDA. A command is one {@link
 * org.tinyseq.bot.commands.BotCommand}: its {@link org.tinyseq.bot.commands.CommandDefinition}
 * (what Discord shows) and a handler that takes an {@link org.tinyseq.bot.commands.Invocation} and
 * returns an {@link org.tinyseq.bot.commands.Answer}, either now or later. {@link
 * org.tinyseq.bot.commands.BotCommands} lists them; Discord and the console both use that list, so
 * they share the cache, the limits and the wording. Model-backed commands go through {@link
 * org.tinyseq.bot.commands.ModelRequestHandler}. One sub-package per command: {@code translate},
 * {@code chat}, {@code contextmenu}, {@code model}.
 */
package org.tinyseq.bot.commands;

/**
 * The bot's commands, independent of JDA: a handler takes who asks (user id, guild id) and the
 * text, and returns an {@link org.tinyseq.bot.commands.Answer}, either now or later. Discord and
 * the console share these handlers, so they share the cache, the limits and the wording. Features
 * live in sub-packages: {@code translate}, {@code chat}, {@code contextmenu}, {@code model}.
 */
package org.tinyseq.bot.commands;

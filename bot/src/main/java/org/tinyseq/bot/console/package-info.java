/**
 * Console mode: the bot's commands on standard input and output, for running it without Discord (no
 * token configured). Same handlers, cache and limits as the Discord adapter.
 */
package org.tinyseq.bot.console;

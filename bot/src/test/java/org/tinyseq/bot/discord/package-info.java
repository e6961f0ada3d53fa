/** End-to-end tests: JDA against the loopback Discord-compatible server. */
package org.tinyseq.bot.discord;

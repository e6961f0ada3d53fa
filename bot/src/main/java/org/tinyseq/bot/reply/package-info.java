/**
 * What the bot answers, independent of where it is shown: {@link org.tinyseq.bot.reply.BotReply}
 * (text, ephemeral or not, outcome), Discord's length limit, and the user-facing wording of the
 * serving core's statuses.
 */
package org.tinyseq.bot.reply;

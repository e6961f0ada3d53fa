package org.tinyseq.bot.commands;

import java.util.Objects;

/**
 * One request to a text command.
 *
 * @param userId who asks (a Discord user id, or {@code "console"})
 * @param guildId the guild it comes from, null in direct messages and the console
 * @param text the user's text
 * @param ephemeral whether the answer should be visible to the asker only
 */
public record CommandRequest(String userId, String guildId, String text, boolean ephemeral) {
  public CommandRequest {
    Objects.requireNonNull(userId, "userId");
    text = text == null ? "" : text;
  }
}

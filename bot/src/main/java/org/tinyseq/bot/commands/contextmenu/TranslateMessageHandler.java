package org.tinyseq.bot.commands.contextmenu;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.translate.TranslateHandler;
import org.tinyseq.bot.reply.BotReply;

/**
 * Translates the text of the message a user right-clicked. Messages without text (only attachments
 * or embeds) get a short explanation instead of the generic "empty" error.
 */
public final class TranslateMessageHandler {
  public static final String NAME = "Translate message";

  private final TranslateHandler translate;

  public TranslateMessageHandler(TranslateHandler translate) {
    this.translate = translate;
  }

  /**
   * @param messageContent the targeted message's text, possibly empty
   */
  public Answer handle(String userId, String guildId, String messageContent) {
    if (messageContent == null || messageContent.isBlank()) {
      return new Answer.Now(BotReply.rejected("That message has no text to translate."));
    }
    return translate.handle(new CommandRequest(userId, guildId, messageContent, false));
  }
}

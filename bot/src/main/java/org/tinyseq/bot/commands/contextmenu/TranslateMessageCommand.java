package org.tinyseq.bot.commands.contextmenu;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.serve.Command;

/**
 * Message menu "Apps → Translate message": translates the text of the message a user right-clicked.
 * Messages without text (only attachments or embeds) get a short explanation instead of the generic
 * "empty" error.
 */
public final class TranslateMessageCommand implements BotCommand {
  public static final String NAME = "Translate message";

  private static final CommandDefinition DEFINITION = CommandDefinition.messageMenu(NAME);

  private final ModelRequestHandler models;

  public TranslateMessageCommand(ModelRequestHandler models) {
    this.models = models;
  }

  @Override
  public CommandDefinition definition() {
    return DEFINITION;
  }

  @Override
  public Answer handle(Invocation in) {
    if (in.targetText().isBlank()) {
      return Answer.now(BotReply.rejected("That message has no text to translate."));
    }
    return models.handle(
        Command.TRANSLATE, new CommandRequest(in.userId(), in.guildId(), in.targetText(), false));
  }
}

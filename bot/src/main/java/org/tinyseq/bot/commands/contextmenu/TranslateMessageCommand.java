package org.tinyseq.bot.commands.contextmenu;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.serve.TranslateRoute;

/**
 * Message menu "Apps → Translate message": translates the text of the message a user right-clicked,
 * English into Chinese or Chinese into English as the text says ({@link TranslateRoute}). Messages
 * without text (only attachments or embeds) get a short explanation instead of the generic "empty"
 * error.
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
    TranslateRoute.Route route = TranslateRoute.of(in.targetText(), TranslateRoute.Into.AUTO);
    if (route.refused()) {
      return Answer.now(BotReply.rejected(route.refusal()));
    }
    return models.handle(
        route.command(), new CommandRequest(in.userId(), in.guildId(), in.targetText(), false));
  }
}

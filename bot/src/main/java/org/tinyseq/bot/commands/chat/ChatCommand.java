package org.tinyseq.bot.commands.chat;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.serve.Command;

/** {@code /chat message:<string>}: the chat model's reply. */
public final class ChatCommand implements BotCommand {
  public static final String NAME = "chat";
  public static final String OPTION_MESSAGE = "message";

  private final ModelRequestHandler models;
  private final CommandDefinition definition;

  /**
   * @param maxInputChars declared as the message option's longest length
   */
  public ChatCommand(ModelRequestHandler models, int maxInputChars) {
    this.models = models;
    this.definition =
        CommandDefinition.slash(NAME, "Chat with the bot")
            .withText(OPTION_MESSAGE, "What you want to say", true, maxInputChars)
            .withConsoleAliases("c");
  }

  @Override
  public CommandDefinition definition() {
    return definition;
  }

  @Override
  public Answer handle(Invocation in) {
    return models.handle(
        Command.CHAT,
        new CommandRequest(in.userId(), in.guildId(), in.text(OPTION_MESSAGE), false));
  }
}

package org.tinyseq.bot.commands.translate;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.serve.Command;

/** {@code /translate text:<string> [private:<boolean>]}: English to Chinese, the answer alone. */
public final class TranslateCommand implements BotCommand {
  public static final String NAME = "translate";
  public static final String OPTION_TEXT = "text";
  public static final String OPTION_PRIVATE = "private";

  private final ModelRequestHandler models;
  private final CommandDefinition definition;

  /**
   * @param maxInputChars declared as the text option's longest length
   */
  public TranslateCommand(ModelRequestHandler models, int maxInputChars) {
    this.models = models;
    this.definition =
        CommandDefinition.slash(NAME, "Translate English text into Chinese")
            .withText(OPTION_TEXT, "The English text to translate", true, maxInputChars)
            .withFlag(OPTION_PRIVATE, "Show the translation to you only")
            .withConsoleAliases("t")
            .answeringPlainLines();
  }

  @Override
  public CommandDefinition definition() {
    return definition;
  }

  @Override
  public Answer handle(Invocation in) {
    return models.handle(
        Command.TRANSLATE,
        new CommandRequest(
            in.userId(), in.guildId(), in.text(OPTION_TEXT), in.flag(OPTION_PRIVATE)));
  }
}

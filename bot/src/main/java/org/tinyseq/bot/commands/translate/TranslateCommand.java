package org.tinyseq.bot.commands.translate;

import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.Invocation;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.serve.TranslateRoute;

/**
 * {@code /translate text:<string> [to:auto|english|chinese] [private:<boolean>]}: English to
 * Chinese or Chinese to English, the direction from the text ({@link TranslateRoute}) unless {@code
 * to} names it; the answer alone.
 */
public final class TranslateCommand implements BotCommand {
  public static final String NAME = "translate";
  public static final String OPTION_TEXT = "text";
  public static final String OPTION_PRIVATE = "private";
  public static final String OPTION_TO = "to";

  private final ModelRequestHandler models;
  private final CommandDefinition definition;

  /**
   * @param maxInputChars declared as the text option's longest length
   */
  public TranslateCommand(ModelRequestHandler models, int maxInputChars) {
    this.models = models;
    this.definition =
        CommandDefinition.slash(NAME, "Translate English into Chinese, or Chinese into English")
            .withText(OPTION_TEXT, "The English or Chinese text to translate", true, maxInputChars)
            .withChoice(
                OPTION_TO,
                "The language to translate into (default: the other one of the text)",
                new CommandDefinition.Choice("auto", "auto"),
                new CommandDefinition.Choice("English", "english"),
                new CommandDefinition.Choice("Chinese", "chinese"))
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
    String text = in.text(OPTION_TEXT);
    TranslateRoute.Route route = TranslateRoute.of(text, into(in.text(OPTION_TO)));
    if (route.refused()) {
      return Answer.now(BotReply.rejected(route.refusal()));
    }
    return models.handle(
        route.command(),
        new CommandRequest(in.userId(), in.guildId(), text, in.flag(OPTION_PRIVATE)));
  }

  /** The {@code to} option's value; absent or unknown = auto. */
  static TranslateRoute.Into into(String to) {
    return switch (to) {
      case "english" -> TranslateRoute.Into.ENGLISH;
      case "chinese" -> TranslateRoute.Into.CHINESE;
      default -> TranslateRoute.Into.AUTO;
    };
  }
}

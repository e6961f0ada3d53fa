package org.tinyseq.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.tinyseq.bot.commands.chat.ChatHandler;
import org.tinyseq.bot.commands.contextmenu.TranslateMessageHandler;
import org.tinyseq.bot.commands.model.ModelHandler;
import org.tinyseq.bot.commands.translate.TranslateHandler;

/**
 * The application commands the bot registers. {@code /model} has two subcommands, {@code info} and
 * {@code reload}, because a slash command cannot be both invocable bare and have subcommands.
 */
public final class CommandCatalog {
  private CommandCatalog() {}

  /**
   * @param maxInputChars declared as the text options' {@code max_length} (capped at Discord's
   *     6,000), so Discord's client refuses longer input before it is sent
   */
  public static List<CommandData> commands(int maxInputChars) {
    int maxLength = Math.min(maxInputChars, OptionData.MAX_STRING_OPTION_LENGTH);
    return List.of(
        Commands.slash(TranslateHandler.NAME, "Translate English text into Chinese")
            .addOptions(
                new OptionData(
                        OptionType.STRING,
                        TranslateHandler.OPTION_TEXT,
                        "The English text to translate",
                        true)
                    .setMaxLength(maxLength),
                new OptionData(
                    OptionType.BOOLEAN,
                    TranslateHandler.OPTION_PRIVATE,
                    "Show the translation to you only",
                    false)),
        Commands.slash(ChatHandler.NAME, "Chat with the bot")
            .addOptions(
                new OptionData(
                        OptionType.STRING, ChatHandler.OPTION_MESSAGE, "What you want to say", true)
                    .setMaxLength(maxLength)),
        Commands.message(TranslateMessageHandler.NAME),
        Commands.slash(ModelHandler.NAME, "The models behind the commands")
            .addSubcommands(
                new SubcommandData(
                    ModelHandler.INFO, "Model versions, validation figures and cache hit rate"),
                new SubcommandData(
                    ModelHandler.RELOAD, "Rescan the models folder now (operators only)")));
  }
}

package org.tinyseq.bot.discord;

import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import org.tinyseq.bot.commands.BotCommand;
import org.tinyseq.bot.commands.CommandDefinition;

/** The application commands the bot registers, built from the commands' own definitions. */
public final class CommandCatalog {
  private CommandCatalog() {}

  public static List<CommandData> commands(List<BotCommand> commands) {
    return commands.stream().map(c -> data(c.definition())).toList();
  }

  static CommandData data(CommandDefinition d) {
    if (d.kind() == CommandDefinition.Kind.MESSAGE_MENU) {
      return Commands.message(d.name());
    }
    SlashCommandData slash = Commands.slash(d.name(), d.description());
    for (CommandDefinition.Option o : d.options()) {
      slash.addOptions(option(o));
    }
    for (CommandDefinition.Subcommand s : d.subcommands()) {
      slash.addSubcommands(new SubcommandData(s.name(), s.description()));
    }
    return slash;
  }

  private static OptionData option(CommandDefinition.Option o) {
    OptionType type =
        o.type() == CommandDefinition.OptionType.FLAG ? OptionType.BOOLEAN : OptionType.STRING;
    OptionData data = new OptionData(type, o.name(), o.description(), o.required());
    for (CommandDefinition.Choice c : o.choices()) {
      data.addChoice(c.label(), c.value());
    }
    if (o.maxLength() > 0) {
      // Discord's client then refuses longer input before it is sent; Discord allows 6,000 at most.
      data.setMaxLength(Math.min(o.maxLength(), OptionData.MAX_STRING_OPTION_LENGTH));
    }
    return data;
  }
}

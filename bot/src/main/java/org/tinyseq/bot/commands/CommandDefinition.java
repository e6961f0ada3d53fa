package org.tinyseq.bot.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What Discord shows of a command, independent of JDA: the Discord catalog ({@code
 * org.tinyseq.bot.discord.CommandCatalog}) and the console both read it.
 *
 * @param kind a slash command, or an entry of the message context menu (no options)
 * @param name the command's name (for the menu, the label shown)
 * @param description shown by Discord under a slash command and by the console's {@code /help}
 * @param options the slash command's options, in order
 * @param subcommands the slash command's subcommands; the first one also answers the bare command
 *     in the console
 * @param consoleAliases other names the console accepts ({@code /t} for {@code /translate})
 * @param answersPlainLines whether a console line without a leading {@code /} goes to this command
 */
public record CommandDefinition(
    Kind kind,
    String name,
    String description,
    List<Option> options,
    List<Subcommand> subcommands,
    List<String> consoleAliases,
    boolean answersPlainLines) {

  /** Where the command appears in Discord's client. */
  public enum Kind {
    SLASH,
    MESSAGE_MENU
  }

  /**
   * One option of a slash command.
   *
   * @param maxLength longest text accepted (Discord's client enforces it), 0 = no limit
   * @param choices the values a {@link OptionType#CHOICE} option offers (Discord shows them as a
   *     list), each with its label; empty for other types
   */
  public record Option(
      OptionType type,
      String name,
      String description,
      boolean required,
      int maxLength,
      List<Choice> choices) {
    public Option {
      choices = List.copyOf(choices);
    }

    public Option(
        OptionType type, String name, String description, boolean required, int maxLength) {
      this(type, name, description, required, maxLength, List.of());
    }
  }

  /** One value of a choice option: what the user sees, and the value the command reads. */
  public record Choice(String label, String value) {}

  /** The value types the bot's options use. */
  public enum OptionType {
    TEXT,
    FLAG,
    /** Text from a fixed list of {@link Choice}s. */
    CHOICE
  }

  /** A subcommand of a slash command (no options of its own). */
  public record Subcommand(String name, String description) {}

  public CommandDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    options = List.copyOf(options);
    subcommands = List.copyOf(subcommands);
    consoleAliases = List.copyOf(consoleAliases);
  }

  /** A slash command without options; add them with the {@code with...} methods. */
  public static CommandDefinition slash(String name, String description) {
    return new CommandDefinition(
        Kind.SLASH, name, description, List.of(), List.of(), List.of(), false);
  }

  /** An entry of the message context menu ("Apps → name"); it receives the message's text. */
  public static CommandDefinition messageMenu(String name) {
    return new CommandDefinition(
        Kind.MESSAGE_MENU, name, "", List.of(), List.of(), List.of(), false);
  }

  /** Adds a text option; {@code maxLength} 0 = no limit. */
  public CommandDefinition withText(
      String option, String optionDescription, boolean required, int maxLength) {
    return withOption(new Option(OptionType.TEXT, option, optionDescription, required, maxLength));
  }

  /** Adds an optional choice among fixed values. */
  public CommandDefinition withChoice(String option, String optionDescription, Choice... values) {
    return withOption(
        new Option(OptionType.CHOICE, option, optionDescription, false, 0, List.of(values)));
  }

  /** Adds a true/false option. */
  public CommandDefinition withFlag(String option, String optionDescription) {
    return withOption(new Option(OptionType.FLAG, option, optionDescription, false, 0));
  }

  public CommandDefinition withSubcommand(String subcommand, String subcommandDescription) {
    List<Subcommand> more = new ArrayList<>(subcommands);
    more.add(new Subcommand(subcommand, subcommandDescription));
    return new CommandDefinition(
        kind, name, description, options, more, consoleAliases, answersPlainLines);
  }

  /** Other names the console accepts. */
  public CommandDefinition withConsoleAliases(String... aliases) {
    return new CommandDefinition(
        kind, name, description, options, subcommands, List.of(aliases), answersPlainLines);
  }

  /** Console lines without a leading {@code /} go to this command (its first text option). */
  public CommandDefinition answeringPlainLines() {
    return new CommandDefinition(
        kind, name, description, options, subcommands, consoleAliases, true);
  }

  /** The first text option, which takes the rest of a console line. */
  public java.util.Optional<Option> textOption() {
    return options.stream().filter(o -> o.type() == OptionType.TEXT).findFirst();
  }

  private CommandDefinition withOption(Option option) {
    List<Option> more = new ArrayList<>(options);
    more.add(option);
    return new CommandDefinition(
        kind, name, description, more, subcommands, consoleAliases, answersPlainLines);
  }
}

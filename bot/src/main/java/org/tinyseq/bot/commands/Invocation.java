package org.tinyseq.bot.commands;

import java.util.Map;
import java.util.Objects;

/**
 * One use of a command, from Discord or the console.
 *
 * @param userId who asks (a Discord user id, or {@code "console"})
 * @param guildId the guild it comes from, null in direct messages and the console
 * @param managesGuild the asker holds Manage Server where they ask (false outside guilds)
 * @param local the asker runs the bot's process (the console), so operates it
 * @param subcommand the subcommand's name, null when the command has none or none was given
 * @param options option values by name: {@code String} for text, {@code Boolean} for flags
 * @param targetText the text of the message a menu command was used on, else empty
 */
public record Invocation(
    String userId,
    String guildId,
    boolean managesGuild,
    boolean local,
    String subcommand,
    Map<String, Object> options,
    String targetText) {

  /** The console's user id for rate limits; the console user operates the process. */
  public static final String CONSOLE_USER = "console";

  public Invocation {
    Objects.requireNonNull(userId, "userId");
    options = Map.copyOf(options);
    targetText = targetText == null ? "" : targetText;
  }

  /** A slash command from a Discord user who does not manage the guild. */
  public static Invocation slash(String userId, String guildId, Map<String, Object> options) {
    return new Invocation(userId, guildId, false, false, null, options, "");
  }

  /** A message-menu command on a message with {@code targetText}. */
  public static Invocation messageMenu(String userId, String guildId, String targetText) {
    return new Invocation(userId, guildId, false, false, null, Map.of(), targetText);
  }

  /** A console line: no guild, and the console user operates the process. */
  public static Invocation console(String subcommand, Map<String, Object> options) {
    return new Invocation(CONSOLE_USER, null, false, true, subcommand, options, "");
  }

  /** The value of a text option, empty when absent. */
  public String text(String option) {
    return options.get(option) instanceof String s ? s : "";
  }

  /** The value of a true/false option, false when absent. */
  public boolean flag(String option) {
    return Boolean.TRUE.equals(options.get(option));
  }
}

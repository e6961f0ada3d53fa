package org.tinyseq.bot.commands;

/**
 * One command of the bot: what Discord shows of it ({@link #definition()}) and how it answers
 * ({@link #handle}). The Discord catalog, the interaction dispatcher, the console and its {@code
 * /help} are all built from the list in {@link BotCommands#list}, so adding a command is one new
 * class and one line there.
 */
public interface BotCommand {

  /** Name, description, options and their limits, slash command or message menu. */
  CommandDefinition definition();

  /**
   * Answers one invocation. Runs on the bot's executor, never on JDA's gateway thread; returns
   * {@link Answer.Later} when the answer needs a decode, so Discord can show "thinking…".
   */
  Answer handle(Invocation invocation);
}

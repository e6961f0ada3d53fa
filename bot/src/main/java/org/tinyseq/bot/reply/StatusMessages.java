package org.tinyseq.bot.reply;

import org.tinyseq.serve.Command;
import org.tinyseq.serve.Status;

/**
 * Short, friendly wording of the serving core's non-OK statuses; never a stack trace. The one map
 * from status to the user's message: the bot's input check, replies and failures all go through it.
 */
public final class StatusMessages {
  private StatusMessages() {}

  /** The user-facing message for a failed request of {@code command}. */
  public static BotReply of(Command command, Status status, int maxInputChars) {
    String what = command.translates() ? "translate" : "answer";
    return switch (status) {
      case EMPTY_INPUT -> BotReply.rejected("There is nothing to " + what + ": the text is empty.");
      case TOO_LONG ->
          BotReply.rejected(
              "That text is too long: please keep it to " + maxInputChars + " characters.");
      case INVALID_INPUT ->
          BotReply.rejected(
              "That text contains control or invalid characters; please send plain text.");
      case NOT_ENGLISH ->
          BotReply.rejected("That text is not English, so there is nothing to turn into Chinese.");
      case NOT_CHINESE -> BotReply.rejected("That text has no Chinese to translate into English.");
      case BUSY -> BotReply.failed("I am busy right now; please try again in a few seconds.");
      case TIMEOUT ->
          BotReply.failed("That took too long; please try again, perhaps with a shorter text.");
      case UNAVAILABLE ->
          BotReply.failed("The " + command.kind() + " model is not available right now.");
      case ERROR, OK -> BotReply.failed("Something went wrong on my side; please try again.");
    };
  }
}

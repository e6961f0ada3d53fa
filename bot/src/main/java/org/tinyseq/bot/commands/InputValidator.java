package org.tinyseq.bot.commands;

import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.reply.StatusMessages;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.InputCheck;

/**
 * The serving core's own input check ({@link InputCheck}: empty, control characters and lone
 * surrogates, then normalisation, then the length of the normalised text), run before the rate
 * limit so that a refused text costs the user nothing. The bot and the service cannot disagree:
 * there is one check, and the bot sends on the text it normalised.
 */
public final class InputValidator {
  private final InputCheck check;
  private final int maxInputChars;

  public InputValidator(int maxInputChars) {
    this.check = new InputCheck(maxInputChars);
    this.maxInputChars = maxInputChars;
  }

  public int maxInputChars() {
    return maxInputChars;
  }

  /**
   * The outcome for {@code text}: the normalised text to send, or the user's message.
   *
   * @param text the normalised text when accepted
   * @param refusal the message for the user when refused, else null
   */
  public record Outcome(String text, BotReply refusal) {
    public boolean accepted() {
      return refusal == null;
    }
  }

  public Outcome check(Command command, String text) {
    InputCheck.Result r = check.check(text);
    if (r.accepted()) {
      return new Outcome(r.text(), null);
    }
    return new Outcome("", StatusMessages.of(command, r.status(), maxInputChars));
  }
}

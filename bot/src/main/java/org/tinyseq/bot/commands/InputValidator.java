package org.tinyseq.bot.commands;

import java.util.Optional;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.reply.StatusMessages;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.Status;

/**
 * Cheap checks before a request reaches the serving core (which checks again): empty, too long,
 * control characters other than tab and line breaks.
 */
public final class InputValidator {
  private final int maxInputChars;

  public InputValidator(int maxInputChars) {
    this.maxInputChars = maxInputChars;
  }

  public int maxInputChars() {
    return maxInputChars;
  }

  /** The refusal for {@code text}, or empty when it may be sent to the model. */
  public Optional<BotReply> check(Command command, String text) {
    if (text == null || text.isBlank()) {
      return Optional.of(StatusMessages.of(command, Status.EMPTY_INPUT, maxInputChars));
    }
    if (text.codePointCount(0, text.length()) > maxInputChars) {
      return Optional.of(StatusMessages.of(command, Status.TOO_LONG, maxInputChars));
    }
    if (text.codePoints().anyMatch(InputValidator::isForbiddenControl)) {
      return Optional.of(StatusMessages.of(command, Status.INVALID_INPUT, maxInputChars));
    }
    return Optional.empty();
  }

  private static boolean isForbiddenControl(int cp) {
    return Character.isISOControl(cp) && cp != '\t' && cp != '\n' && cp != '\r';
  }
}

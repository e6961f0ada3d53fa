package org.tinyseq.bot.commands.translate;

import java.util.concurrent.Executor;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.InputValidator;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;

/** Translates English text into Chinese; the answer is the translation alone. */
public final class TranslateHandler {
  public static final String NAME = "translate";
  public static final String OPTION_TEXT = "text";
  public static final String OPTION_PRIVATE = "private";

  private final ModelRequestHandler handler;

  public TranslateHandler(
      ModelService service, RateLimiter limiter, InputValidator validator, Executor executor) {
    this.handler =
        new ModelRequestHandler(Command.TRANSLATE, service, limiter, validator, executor, t -> t);
  }

  public Answer handle(CommandRequest request) {
    return handler.handle(request);
  }
}

package org.tinyseq.bot.commands.chat;

import java.util.concurrent.Executor;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.commands.CommandRequest;
import org.tinyseq.bot.commands.InputValidator;
import org.tinyseq.bot.commands.ModelRequestHandler;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;

/** Answers a chat message with the chat model's reply. */
public final class ChatHandler {
  public static final String NAME = "chat";
  public static final String OPTION_MESSAGE = "message";

  private final ModelRequestHandler handler;

  public ChatHandler(
      ModelService service, RateLimiter limiter, InputValidator validator, Executor executor) {
    this.handler =
        new ModelRequestHandler(Command.CHAT, service, limiter, validator, executor, t -> t);
  }

  public Answer handle(CommandRequest request) {
    return handler.handle(request);
  }
}

package org.tinyseq.bot.commands;

import java.util.concurrent.ExecutorService;
import org.tinyseq.bot.commands.chat.ChatHandler;
import org.tinyseq.bot.commands.contextmenu.TranslateMessageHandler;
import org.tinyseq.bot.commands.model.ModelHandler;
import org.tinyseq.bot.commands.model.OperatorPolicy;
import org.tinyseq.bot.commands.translate.TranslateHandler;
import org.tinyseq.bot.config.BotConfig;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.serve.ModelService;

/**
 * All command handlers over one service, one rate limiter and one executor: what Discord and the
 * console both dispatch to.
 */
public final class BotCommands {
  private final TranslateHandler translate;
  private final ChatHandler chat;
  private final TranslateMessageHandler translateMessage;
  private final ModelHandler model;
  private final RateLimiter limiter;
  private final int maxInputChars;

  public BotCommands(
      ModelService service,
      RateLimiter limiter,
      OperatorPolicy operators,
      int maxInputChars,
      ExecutorService executor) {
    InputValidator validator = new InputValidator(maxInputChars);
    this.translate = new TranslateHandler(service, limiter, validator, executor);
    this.chat = new ChatHandler(service, limiter, validator, executor);
    this.translateMessage = new TranslateMessageHandler(translate);
    this.model = new ModelHandler(service, operators, executor);
    this.limiter = limiter;
    this.maxInputChars = maxInputChars;
  }

  /** The handlers configured from {@code config}. */
  public static BotCommands of(BotConfig config, ModelService service, ExecutorService executor) {
    return new BotCommands(
        service,
        new RateLimiter(config.userPerMinute(), config.guildPerMinute()),
        new OperatorPolicy(config.operatorIds(), config.guildManagersAreOperators()),
        config.service().maxInputChars(),
        executor);
  }

  public TranslateHandler translate() {
    return translate;
  }

  public ChatHandler chat() {
    return chat;
  }

  public TranslateMessageHandler translateMessage() {
    return translateMessage;
  }

  public ModelHandler model() {
    return model;
  }

  /** The shared rate limiter (operations may listen to its refusals). */
  public RateLimiter rateLimiter() {
    return limiter;
  }

  public int maxInputChars() {
    return maxInputChars;
  }
}

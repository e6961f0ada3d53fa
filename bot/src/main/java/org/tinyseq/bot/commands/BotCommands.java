package org.tinyseq.bot.commands;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.tinyseq.bot.commands.chat.ChatCommand;
import org.tinyseq.bot.commands.contextmenu.TranslateMessageCommand;
import org.tinyseq.bot.commands.model.ModelCommand;
import org.tinyseq.bot.commands.model.OperatorPolicy;
import org.tinyseq.bot.commands.translate.TranslateCommand;
import org.tinyseq.bot.config.BotConfig;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.serve.ModelService;

/**
 * The bot's commands over one service, one rate limiter and one executor: what Discord registers
 * and dispatches to, and what the console runs and lists in {@code /help}.
 */
public final class BotCommands {
  private final List<BotCommand> commands;
  private final RateLimiter limiter;

  public BotCommands(
      ModelService service,
      RateLimiter limiter,
      OperatorPolicy operators,
      int maxInputChars,
      ExecutorService executor) {
    this(list(service, limiter, operators, maxInputChars, executor), limiter);
  }

  /** An explicit list of commands (tests, or a bot with other commands). */
  public BotCommands(List<BotCommand> commands, RateLimiter limiter) {
    this.commands = List.copyOf(commands);
    this.limiter = limiter;
  }

  /**
   * Every command, in the order Discord registers them and the console's {@code /help} lists them.
   * A new command is one more line here.
   */
  static List<BotCommand> list(
      ModelService service,
      RateLimiter limiter,
      OperatorPolicy operators,
      int maxInputChars,
      ExecutorService executor) {
    ModelRequestHandler models =
        new ModelRequestHandler(service, limiter, new InputValidator(maxInputChars), executor);
    return List.of(
        new TranslateCommand(models, maxInputChars),
        new ChatCommand(models, maxInputChars),
        new TranslateMessageCommand(models),
        new ModelCommand(service, operators, executor));
  }

  /** The commands configured from {@code config}. */
  public static BotCommands of(BotConfig config, ModelService service, ExecutorService executor) {
    return new BotCommands(
        service,
        new RateLimiter(config.userPerMinute(), config.guildPerMinute()),
        new OperatorPolicy(config.operatorIds(), config.guildManagersAreOperators()),
        config.service().maxInputChars(),
        executor);
  }

  public List<BotCommand> all() {
    return commands;
  }

  /** The command of that kind and name. */
  public Optional<BotCommand> find(CommandDefinition.Kind kind, String name) {
    return commands.stream()
        .filter(c -> c.definition().kind() == kind && c.definition().name().equals(name))
        .findFirst();
  }

  /** The shared rate limiter (operations may listen to its refusals). */
  public RateLimiter rateLimiter() {
    return limiter;
  }
}

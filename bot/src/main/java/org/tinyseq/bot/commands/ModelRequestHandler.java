package org.tinyseq.bot.commands;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.ratelimit.RateDecision;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.reply.StatusMessages;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.Reply;

/**
 * The path every model-backed command takes: validate (the serving core's own check, {@link
 * InputValidator}), rate-limit, answer from the cache at once, else submit the decode and answer
 * later. Every status becomes the user's message through {@link StatusMessages}, the one map. One
 * instance serves all such commands.
 */
public final class ModelRequestHandler {
  private static final Logger log = LoggerFactory.getLogger(ModelRequestHandler.class);
  private final ModelService service;
  private final RateLimiter limiter;
  private final InputValidator validator;
  private final Executor executor;

  /**
   * @param executor where completions run (never the decoder's or JDA's threads)
   */
  public ModelRequestHandler(
      ModelService service, RateLimiter limiter, InputValidator validator, Executor executor) {
    this.service = service;
    this.limiter = limiter;
    this.validator = validator;
    this.executor = executor;
  }

  /** Asks {@code command}'s model; the answer is the decoded text as it is. */
  public Answer handle(Command command, CommandRequest request) {
    InputValidator.Outcome input = validator.check(command, request.text());
    if (!input.accepted()) {
      return Answer.now(input.refusal());
    }
    String text = input.text();
    RateDecision decision = limiter.tryAcquire(request.userId(), request.guildId());
    if (!decision.allowed()) {
      return Answer.now(BotReply.rateLimited(decision.message()));
    }
    Optional<Reply> cached = service.cached(command, text);
    if (cached.isPresent()) {
      return Answer.now(toBotReply(command, cached.get(), request.ephemeral()));
    }
    CompletableFuture<BotReply> later =
        service
            .submit(command, text)
            .thenApplyAsync(r -> toBotReply(command, r, request.ephemeral()), orHere(executor))
            .exceptionally(
                e -> {
                  log.warn("Answering a {} request failed", command.kind(), e);
                  return StatusMessages.of(command, org.tinyseq.serve.Status.ERROR, 0);
                });
    return new Answer.Later(later, request.ephemeral());
  }

  /**
   * {@code executor}, or the completing thread when it refuses the task (full, or shut down at
   * SIGTERM): the decode is done by then, and turning it into a reply is a few string operations,
   * so a finished answer is never lost for want of a thread.
   */
  static Executor orHere(Executor executor) {
    return task -> {
      try {
        executor.execute(task);
      } catch (RejectedExecutionException full) {
        task.run();
      }
    };
  }

  private BotReply toBotReply(Command command, Reply reply, boolean ephemeral) {
    if (reply.status() == org.tinyseq.serve.Status.TOO_LONG && reply.error() != null) {
      // The model's own source limit can be tighter than MAX_INPUT_CHARS: its message names it.
      return BotReply.rejected(reply.error());
    }
    if (!reply.ok()) {
      return StatusMessages.of(command, reply.status(), validator.maxInputChars());
    }
    String text = reply.text().isBlank() ? "(the model had nothing to say)" : reply.text();
    if (reply.truncated()) {
      text = text + " …";
    }
    return BotReply.answer(text, ephemeral).withNote(note(reply));
  }

  /** "translate-20261126 · 12 ms · cached". */
  private static String note(Reply reply) {
    StringBuilder sb = new StringBuilder(reply.modelVersion());
    if (reply.elapsed() != null) {
      sb.append(" · ").append(reply.elapsed().toMillis()).append(" ms");
    }
    if (reply.cached()) {
      sb.append(" · cached");
    }
    if (reply.truncated()) {
      sb.append(" · stopped at the length limit");
    }
    return sb.toString();
  }
}

package org.tinyseq.bot.commands;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.tinyseq.bot.ratelimit.RateDecision;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.reply.StatusMessages;
import org.tinyseq.serve.Command;
import org.tinyseq.serve.ModelService;
import org.tinyseq.serve.Reply;

/**
 * The path every model-backed command takes: validate, rate-limit, answer from the cache at once,
 * else submit the decode and answer later. One instance serves all such commands.
 */
public final class ModelRequestHandler {
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
    Optional<BotReply> invalid = validator.check(command, request.text());
    if (invalid.isPresent()) {
      return Answer.now(invalid.get());
    }
    RateDecision decision = limiter.tryAcquire(request.userId(), request.guildId());
    if (!decision.allowed()) {
      return Answer.now(BotReply.rateLimited(decision.message()));
    }
    Optional<Reply> cached = service.cached(command, request.text());
    if (cached.isPresent()) {
      return Answer.now(toBotReply(command, cached.get(), request.ephemeral()));
    }
    CompletableFuture<BotReply> later =
        service
            .submit(command, request.text())
            .thenApplyAsync(r -> toBotReply(command, r, request.ephemeral()), executor)
            .exceptionally(e -> StatusMessages.of(command, org.tinyseq.serve.Status.ERROR, 0));
    return new Answer.Later(later, request.ephemeral());
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

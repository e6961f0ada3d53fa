package org.tinyseq.bot.commands;

import java.util.concurrent.CompletableFuture;
import org.tinyseq.bot.reply.BotReply;

/**
 * A handler's answer: {@link Now} when it is known at once (cached, refused, invalid), {@link
 * Later} when a decode runs; Discord then defers and edits the original response.
 */
public sealed interface Answer {

  /** An answer available immediately. */
  record Now(BotReply reply) implements Answer {}

  /**
   * An answer that completes later (never exceptionally).
   *
   * @param ephemeral whether the deferred response should be ephemeral
   */
  record Later(CompletableFuture<BotReply> reply, boolean ephemeral) implements Answer {}

  static Answer now(BotReply reply) {
    return new Now(reply);
  }

  /** Blocks until the reply is there (console mode). */
  default BotReply await() {
    if (this instanceof Now n) {
      return n.reply();
    }
    return ((Later) this).reply().join();
  }
}

package org.tinyseq.bot.discord;

import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import net.dv8tion.jda.api.entities.Message.MentionType;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tinyseq.bot.commands.Answer;
import org.tinyseq.bot.reply.BotReply;

/**
 * Sends an {@link Answer} through an interaction: an immediate answer as the interaction response
 * (callback type 4); a later one by deferring (type 5) and then editing the original response.
 * Every message allows no mentions, whatever its text says. A failure after a public defer deletes
 * the "thinking" response and sends the error as an ephemeral follow-up, so errors are always
 * ephemeral.
 */
final class Responder {
  /** Allowed mentions: none, so {@code @everyone}, users and roles in any text stay inert. */
  static final EnumSet<MentionType> NO_MENTIONS = EnumSet.noneOf(MentionType.class);

  private static final Logger log = LoggerFactory.getLogger(Responder.class);

  private Responder() {}

  /** Completes when the last request for this interaction is done (successfully or not). */
  static CompletableFuture<Void> send(IReplyCallback event, Answer answer) {
    if (answer instanceof Answer.Now now) {
      BotReply r = now.reply();
      return event
          .reply(r.text())
          .setEphemeral(r.ephemeral())
          .setAllowedMentions(NO_MENTIONS)
          .submit()
          .thenAccept(h -> {})
          .exceptionally(e -> logFailure("reply", e));
    }
    Answer.Later later = (Answer.Later) answer;
    return event
        .deferReply(later.ephemeral())
        .submit()
        .thenCompose(hook -> later.reply().thenCompose(r -> finish(hook, r, later.ephemeral())))
        .exceptionally(e -> logFailure("deferred reply", e));
  }

  private static CompletableFuture<Void> finish(
      InteractionHook hook, BotReply reply, boolean deferredEphemeral) {
    if (reply.isError() && !deferredEphemeral) {
      return hook.deleteOriginal()
          .submit()
          .thenCompose(
              v ->
                  hook.sendMessage(reply.text())
                      .setEphemeral(true)
                      .setAllowedMentions(NO_MENTIONS)
                      .submit())
          .thenAccept(m -> {});
    }
    return hook.editOriginal(reply.text())
        .setAllowedMentions(NO_MENTIONS)
        .submit()
        .thenAccept(m -> {});
  }

  private static Void logFailure(String what, Throwable e) {
    // The user cannot be told anymore (the interaction failed or expired); the log says why.
    log.warn("Could not send the {}: {}", what, e.toString());
    return null;
  }
}

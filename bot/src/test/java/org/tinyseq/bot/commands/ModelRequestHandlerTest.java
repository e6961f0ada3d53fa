package org.tinyseq.bot.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.tinyseq.bot.ratelimit.RateLimiter;
import org.tinyseq.bot.reply.BotReply;
import org.tinyseq.bot.testing.FakeModelService;
import org.tinyseq.serve.Command;

class ModelRequestHandlerTest {
  @Test
  void aFinishedDecodeIsDeliveredWhenTheReplyExecutorIsFull() {
    FakeModelService service = new FakeModelService();
    AtomicInteger refused = new AtomicInteger();
    Executor full =
        task -> {
          refused.incrementAndGet();
          throw new RejectedExecutionException("queue full");
        };
    ModelRequestHandler handler =
        new ModelRequestHandler(service, new RateLimiter(100, 100), new InputValidator(500), full);
    Answer answer =
        handler.handle(Command.TRANSLATE, new CommandRequest("u1", "g1", "Hello.", false));
    assertTrue(answer instanceof Answer.Later, "not cached: a decode");
    BotReply reply = answer.await();
    assertEquals(1, refused.get(), "the executor was asked and refused");
    assertFalse(reply.isError(), reply.text());
    assertTrue(reply.text().contains(FakeModelService.translation("Hello.")), reply.text());
  }
}

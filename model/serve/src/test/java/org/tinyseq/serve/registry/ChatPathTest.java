package org.tinyseq.serve.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tinyseq.serve.AnswerSource;
import org.tinyseq.serve.answer.Produced;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.BundleSource;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.chat.ChatParts;
import org.tinyseq.serve.chat.ChatPath;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.chat.RetrievedReply;
import org.tinyseq.serve.decode.BatcherConfig;
import org.tinyseq.serve.decode.GreedyDecoder;

/** The chat path as the service runs it: the loader builds the ranker, the path routes to it. */
class ChatPathTest {
  static final List<String> WORDS = List.of("i", "like", "music", "do", "you", "?");
  static final List<String> CHARS = List.of("a", "e", "i", "l", "o", "s", "y", " ", ".");
  static final Architecture ARCH =
      Architecture.builder()
          .sourceTokens(org.tinyseq.serve.text.TokenUnit.WORD)
          .latentDim(16)
          .embeddingDims(6, 4)
          .maxLengths(12, 20)
          .attention(org.tinyseq.serve.bundle.Attention.LUONG)
          .build();
  static final ReplyRetriever POOL =
      (message, k) ->
          List.of(
                  new RetrievedReply("do you like music?", "yes i do.", 0.9),
                  new RetrievedReply("you like music?", "i love it", 0.5))
              .subList(0, Math.min(k, 2));

  @TempDir Path dir;

  LoadedModel load(ChatParts parts) throws Exception {
    Path p = RandomBundles.write(dir, "chat", "chat-" + System.nanoTime(), ARCH, WORDS, CHARS, 7);
    GreedyDecoder reverse =
        GreedyDecoder.of(RandomBundles.create("chat", "rev", ARCH, WORDS, CHARS, 8));
    ModelLoader loader =
        new ModelLoader(
            BatcherConfig.defaults(),
            20,
            Runnable::run,
            size -> {},
            b -> parts == null ? new ChatParts(reverse, POOL) : parts);
    return loader.load(BundleSource.directory(p), "chat", p, null);
  }

  @Test
  void aBundleWithAPoolAnswersWithTheRankedReply() throws Exception {
    LoadedModel model = load(null);
    try {
      assertNotNull(model.chatRanker());
      String message = "do you like music ?";
      Produced p =
          new ChatPath(true, 20, java.time.Duration.ofSeconds(30)).answer(model, message).join();
      assertEquals(model.chatRanker().answerer().reply(message).text(), p.text());
      assertTrue(Set.of(AnswerSource.RETRIEVED, AnswerSource.GENERATED).contains(p.source()));
      assertEquals(false, p.truncated());
    } finally {
      model.retire();
    }
  }

  @Test
  void memoryOffIsTheDecoderAloneAndABundleWithoutPoolAnswersAsBefore() throws Exception {
    String message = "i like music";
    LoadedModel ranked = load(null);
    LoadedModel plain = load(ChatParts.NONE);
    try {
      assertNull(plain.chatRanker());
      String greedy = ranked.decoder().decode(ranked.decoder().sourceIds(message), 20).text();
      for (Produced p :
          List.of(
              new ChatPath(false, 20, java.time.Duration.ofSeconds(30))
                  .answer(ranked, message)
                  .join(),
              new ChatPath(true, 20, java.time.Duration.ofSeconds(30))
                  .answer(plain, message)
                  .join())) {
        assertEquals(AnswerSource.DECODER, p.source());
        assertEquals(greedy, p.text());
      }
    } finally {
      ranked.retire();
      plain.retire();
    }
  }
}

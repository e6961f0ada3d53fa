package org.tinyseq.serve.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.RandomBundles;
import org.tinyseq.serve.bundle.Tensor;
import org.tinyseq.serve.decode.GreedyDecoder;

/** Small random chat models (word sources, character targets) and a fake pool for chat tests. */
final class ChatTestModels {
  static final List<String> WORDS =
      List.of("i", "like", "music", "do", "you", "movies", "what", "?", "yes", "no", ".", "the");
  static final List<String> CHARS =
      List.of("a", "b", "c", "d", "e", "i", "l", "o", "s", "y", " ", ".", "?");

  private ChatTestModels() {}

  static Architecture architecture() {
    return Architecture.builder()
        .sourceTokens(org.tinyseq.serve.text.TokenUnit.WORD)
        .latentDim(16)
        .embeddingDims(6, 4)
        .maxLengths(12, 24)
        .attention(org.tinyseq.serve.bundle.Attention.LUONG)
        .build();
  }

  /** A random model whose end marker gets {@code endBias} more, so that some replies end. */
  static GreedyDecoder model(String version, long seed, float endBias) {
    Bundle b = RandomBundles.create("chat", version, architecture(), WORDS, CHARS, seed);
    Map<String, Tensor> dec = new HashMap<>(b.decoder());
    Tensor bias = dec.get("output_bias");
    float[] data = bias.data().clone();
    data[2] += endBias;
    dec.put("output_bias", new Tensor("output_bias", bias.shape(), data));
    return GreedyDecoder.of(
        new Bundle(
            b.manifest(),
            b.sourceVocabulary(),
            b.targetVocabulary(),
            b.encoder(),
            dec,
            b.location()));
  }

  /** A pool that answers every message with the same replies, best first. */
  static ReplyRetriever pool(String... replies) {
    return (message, k) -> {
      List<RetrievedReply> out = new ArrayList<>();
      for (int i = 0; i < Math.min(k, replies.length); i++) {
        out.add(new RetrievedReply("stored " + i, replies[i], 1.0 - i * 0.1));
      }
      return out;
    };
  }
}

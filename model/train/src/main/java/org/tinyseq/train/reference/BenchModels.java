package org.tinyseq.train.reference;

import org.tinyseq.serve.bundle.Architecture;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.BundleException;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.bundle.RandomBundles;

/**
 * The models the benchmarks accept: anything {@link ModelRef} loads, and random weights of the
 * default models' sizes ({@code random:translate}, {@code random:chat}, {@code
 * random:translate-luong}) made by {@link RandomBundles} from model-serve's test-jar.
 */
public final class BenchModels {
  private BenchModels() {}

  /** The default translate model's sizes: LSTM, latent 256, embedding 64, ~80 source chars. */
  public static Architecture translateSized() {
    return Architecture.builder().latentDim(256).embeddingDims(64, 64).maxLengths(80, 24).build();
  }

  /**
   * The attention translate model's sizes (issue 10): bidirectional LSTM 2x128, Luong attention,
   * decoder 256, embeddings 64, sources up to 60 characters, targets up to 40.
   */
  public static Architecture translateAttentionSized() {
    return Architecture.builder()
        .latentDim(256)
        .embeddingDims(64, 64)
        .maxLengths(60, 40)
        .attention(Attention.LUONG)
        .build();
  }

  /** Chat-sized: LSTM, latent 256, embedding 64, English characters on both sides. */
  public static Architecture chatSized() {
    return Architecture.builder().latentDim(256).embeddingDims(64, 64).maxLengths(80, 40).build();
  }

  /**
   * A model reference as the benchmark tools accept it: {@code random:translate} or {@code
   * random:chat} (random weights of the default sizes), {@code random:translate-luong} (random
   * weights of the attention model's sizes, ~2,500 targets), else anything {@link ModelRef} loads.
   */
  public static Bundle resolve(String ref) throws BundleException {
    if (ref.equals("random:translate-luong")) {
      return RandomBundles.create(
          ModelKind.TRANSLATE.jsonName(),
          "random-translate-luong",
          translateAttentionSized(),
          RandomBundles.englishChars(),
          RandomBundles.cjkChars(2500),
          3);
    }
    if (ref.equals("random:translate")) {
      return RandomBundles.create(
          ModelKind.TRANSLATE.jsonName(),
          "random-translate",
          translateSized(),
          RandomBundles.englishChars(),
          RandomBundles.cjkChars(2000),
          1);
    }
    if (ref.equals("random:chat")) {
      return RandomBundles.create(
          ModelKind.CHAT.jsonName(),
          "random-chat",
          chatSized(),
          RandomBundles.englishChars(),
          RandomBundles.englishChars(),
          2);
    }
    return ModelRef.load(ref);
  }
}

package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;

/**
 * Decoding of many normalised sources in batches, greedy or with a beam; an empty source gives "".
 */
public final class ModelTranslator {
  private ModelTranslator() {}

  public static List<String> translateAll(
      GreedyDecoder decoder, List<String> normalizedSources, int maxSteps, int batchSize) {
    return translateAll(decoder, normalizedSources, maxSteps, batchSize, 1);
  }

  /** The same with a beam of {@code beam} hypotheses per source (1: greedy). */
  public static List<String> translateAll(
      GreedyDecoder decoder,
      List<String> normalizedSources,
      int maxSteps,
      int batchSize,
      int beam) {
    List<String> out = new ArrayList<>(normalizedSources.size());
    for (int start = 0; start < normalizedSources.size(); start += batchSize) {
      List<String> chunk =
          normalizedSources.subList(start, Math.min(normalizedSources.size(), start + batchSize));
      List<SourceIds> ids = new ArrayList<>();
      for (String source : chunk) {
        if (!source.isEmpty()) {
          ids.add(decoder.sourceIds(source));
        }
      }
      List<Decoded> decoded = decoder.decodeBatch(ids, maxSteps, beam);
      int next = 0;
      for (String source : chunk) {
        out.add(source.isEmpty() ? "" : decoded.get(next++).text());
      }
    }
    return out;
  }
}

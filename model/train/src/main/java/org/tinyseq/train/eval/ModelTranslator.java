package org.tinyseq.train.eval;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;

/** Greedy decoding of many normalised sources in batches; an empty source gives "". */
public final class ModelTranslator {
  private ModelTranslator() {}

  public static List<String> translateAll(
      GreedyDecoder decoder, List<String> normalizedSources, int maxSteps, int batchSize) {
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
      List<Decoded> decoded = decoder.decodeBatch(ids, maxSteps);
      int next = 0;
      for (String source : chunk) {
        out.add(source.isEmpty() ? "" : decoded.get(next++).text());
      }
    }
    return out;
  }
}

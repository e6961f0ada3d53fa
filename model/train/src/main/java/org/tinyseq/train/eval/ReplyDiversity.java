package org.tinyseq.train.eval;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.tinyseq.serve.text.TextNormalizer;

/**
 * How varied a set of chat replies is, whatever the references say: the measure of generic-reply
 * collapse ("I don't know." to everything). Shares are percentages (0 to 100).
 *
 * <p>distinct-n (Li et al., 2016) is the number of distinct n-grams across all replies divided by
 * the number of n-grams across all replies, over the replies' {@link MetricTokenizer} tokens
 * (words, and each punctuation mark) lower-cased ({@link Locale#ROOT}); n-grams do not cross reply
 * boundaries, and a set without any n-gram scores 0. The top reply is the most frequent reply after
 * {@link TextNormalizer normalisation} (an empty reply counts as a reply; ties go to the reply seen
 * first), and its share is its count over all replies.
 *
 * @param replies number of replies
 * @param distinct1 distinct unigrams / unigrams, percent
 * @param distinct2 distinct bigrams / bigrams, percent
 * @param distinctReplies number of different replies
 * @param topReply the most frequent reply
 * @param topReplyShare share of the replies equal to {@code topReply}, percent
 */
public record ReplyDiversity(
    int replies,
    double distinct1,
    double distinct2,
    int distinctReplies,
    String topReply,
    double topReplyShare) {

  public static ReplyDiversity of(List<String> replies) {
    Set<String> unigrams = new HashSet<>();
    Set<String> bigrams = new HashSet<>();
    long unigramCount = 0;
    long bigramCount = 0;
    Map<String, Integer> counts = new HashMap<>();
    String top = "";
    int topCount = 0;
    for (String reply : replies) {
      String normalized = TextNormalizer.normalize(reply);
      int count = counts.merge(normalized, 1, Integer::sum);
      if (count > topCount) {
        top = normalized;
        topCount = count;
      }
      List<String> tokens = MetricTokenizer.tokens(normalized.toLowerCase(Locale.ROOT));
      unigrams.addAll(tokens);
      unigramCount += tokens.size();
      for (int i = 0; i + 1 < tokens.size(); i++) {
        // U+0001 cannot be part of a token (control characters are normalised away).
        bigrams.add(tokens.get(i) + '\u0001' + tokens.get(i + 1));
        bigramCount++;
      }
    }
    return new ReplyDiversity(
        replies.size(),
        percent(unigrams.size(), unigramCount),
        percent(bigrams.size(), bigramCount),
        counts.size(),
        top,
        percent(topCount, replies.size()));
  }

  /**
   * The figures under the names a manifest's {@code metrics} map uses (rounded numbers; the top
   * reply's text stays out, since the bot's {@code /model} prints every plain metric on one line).
   */
  public Map<String, Object> toMetrics() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("distinct1", EvaluationReport.round(distinct1));
    map.put("distinct2", EvaluationReport.round(distinct2));
    map.put("topReplyShare", EvaluationReport.round(topReplyShare));
    return map;
  }

  private static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }
}

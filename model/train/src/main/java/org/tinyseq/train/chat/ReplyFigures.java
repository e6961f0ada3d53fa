package org.tinyseq.train.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tinyseq.serve.text.Words;
import org.tinyseq.train.eval.Bleu;
import org.tinyseq.train.eval.ChrF;
import org.tinyseq.train.eval.ReplyDiversity;

/**
 * The figures of one system's replies to a set of messages (percentages 0 to 100).
 *
 * @param hitsAt1 hits@1 of 20 ({@link HitsAtOne}), NaN when not measured
 * @param bleu corpus BLEU against the true replies
 * @param chrF corpus chrF against the true replies
 * @param distinct1 word distinct-1
 * @param distinct2 word distinct-2
 * @param topReplyShare share of the most frequent reply
 * @param repeatShare share of replies repeating a word 3-gram ({@link Words})
 * @param meanWords mean length in words ({@link Words})
 * @param topReply the most frequent reply
 */
public record ReplyFigures(
    double hitsAt1,
    double bleu,
    double chrF,
    double distinct1,
    double distinct2,
    double topReplyShare,
    double repeatShare,
    double meanWords,
    String topReply) {

  public static ReplyFigures of(List<String> replies, List<String> references, double hitsAt1) {
    ReplyDiversity d = ReplyDiversity.of(replies);
    int repeats = 0;
    long words = 0;
    for (String r : replies) {
      List<String> w = Words.of(r);
      words += w.size();
      repeats += Words.repeatsNgram(w, 3) ? 1 : 0;
    }
    int n = Math.max(1, replies.size());
    return new ReplyFigures(
        hitsAt1,
        Bleu.corpus(replies, references).score(),
        ChrF.corpus(replies, references),
        d.distinct1(),
        d.distinct2(),
        d.topReplyShare(),
        100.0 * repeats / n,
        (double) words / n,
        d.topReply());
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    if (!Double.isNaN(hitsAt1)) {
      m.put("hitsAt1Of20", round(hitsAt1));
    }
    m.put("bleu", round(bleu));
    m.put("chrF", round(chrF));
    m.put("distinct1", round(distinct1));
    m.put("distinct2", round(distinct2));
    m.put("topReplyShare", round(topReplyShare));
    m.put("repeatedTrigramShare", round(repeatShare));
    m.put("meanWords", round(meanWords));
    return m;
  }

  static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}

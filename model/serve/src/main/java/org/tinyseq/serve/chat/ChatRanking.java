package org.tinyseq.serve.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the chat path chooses a reply, as tuned on validation messages and recorded in the chat
 * bundle's manifest ({@code metrics.chatRanking}).
 *
 * <p>Each candidate T for message S scores {@code (1-λ)·fwd + λ·rev - shortReplyPenalty·[T has at
 * most} {@value #SHORT_REPLY_WORDS} {@code words]}, where {@code fwd} is the chat model's mean log
 * p(T|S) per output symbol and {@code rev} the reverse model's mean log p(S|T) (MMI-bidi, Li et al.
 * 2016). Without a reverse model the score is {@code fwd} minus the penalty.
 *
 * @param lambda weight of the reverse direction, 0 to 1
 * @param retrieved k: human replies taken from the retriever, 0 to {@value #MAX_RETRIEVED}
 * @param generated N: the decoder's beam width and N-best size, 0 to {@value #MAX_GENERATED}
 * @param shortReplyPenalty subtracted from the score of a very short reply, 0 to 10
 */
public record ChatRanking(double lambda, int retrieved, int generated, double shortReplyPenalty) {
  /** The manifest's section ({@code metrics.chatRanking}). */
  public static final String SECTION = "chatRanking";

  /** A reply of at most this many words is "very short" ({@link #shortReplyPenalty}). */
  public static final int SHORT_REPLY_WORDS = 2;

  public static final int MAX_RETRIEVED = 256;
  public static final int MAX_GENERATED = 32;

  /** Until a bundle records tuned values: both directions alike, as in Li et al.'s own code. */
  public static final ChatRanking DEFAULTS = new ChatRanking(0.5, 16, 4, 0.0);

  public ChatRanking {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("chatRanking.lambda must be within [0, 1]: " + lambda);
    }
    if (retrieved < 0 || retrieved > MAX_RETRIEVED) {
      throw new IllegalArgumentException(
          "chatRanking.retrieved must be within [0, " + MAX_RETRIEVED + "]: " + retrieved);
    }
    if (generated < 0 || generated > MAX_GENERATED) {
      throw new IllegalArgumentException(
          "chatRanking.generated must be within [0, " + MAX_GENERATED + "]: " + generated);
    }
    if (retrieved + generated == 0) {
      throw new IllegalArgumentException("chatRanking needs retrieved or generated candidates");
    }
    if (!(shortReplyPenalty >= 0 && shortReplyPenalty <= 10)) {
      throw new IllegalArgumentException(
          "chatRanking.shortReplyPenalty must be within [0, 10]: " + shortReplyPenalty);
    }
  }

  /**
   * The ranking a manifest's metrics record, {@link #DEFAULTS} when they record none.
   *
   * @throws IllegalArgumentException when the section is there but not a valid ranking
   */
  public static ChatRanking fromMetrics(Map<String, Object> metrics) {
    Object section = metrics == null ? null : metrics.get(SECTION);
    if (section == null) {
      return DEFAULTS;
    }
    if (!(section instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException("metrics.chatRanking is not an object");
    }
    return new ChatRanking(
        number(m, "lambda", DEFAULTS.lambda),
        whole(m, "retrieved", DEFAULTS.retrieved),
        whole(m, "generated", DEFAULTS.generated),
        number(m, "shortReplyPenalty", DEFAULTS.shortReplyPenalty));
  }

  /** The section as the manifest stores it. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("lambda", lambda);
    m.put("retrieved", retrieved);
    m.put("generated", generated);
    m.put("shortReplyPenalty", shortReplyPenalty);
    return m;
  }

  /** The score of a candidate; higher is better. */
  public double score(ScoredCandidate c) {
    double both;
    if (Double.isNaN(c.reverse())) {
      both = c.forward();
    } else if (lambda == 1) {
      both = c.reverse(); // the forward score is then not computed (NaN) by the serving path
    } else {
      both = (1 - lambda) * c.forward() + lambda * c.reverse();
    }
    return c.candidate().words() <= SHORT_REPLY_WORDS ? both - shortReplyPenalty : both;
  }

  /**
   * The index of the best candidate by {@link #score}, the earliest on equal scores (so the same
   * candidates always give the same choice); -1 for none.
   */
  public int best(java.util.List<ScoredCandidate> candidates) {
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < candidates.size(); i++) {
      double s = score(candidates.get(i));
      if (best < 0 || s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }

  private static double number(Map<?, ?> m, String key, double fallback) {
    Object v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("chatRanking." + key + " is not a number: " + v);
    }
    return n.doubleValue();
  }

  private static int whole(Map<?, ?> m, String key, int fallback) {
    double d = number(m, key, fallback);
    if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("chatRanking." + key + " is not a whole number: " + d);
    }
    return (int) d;
  }
}

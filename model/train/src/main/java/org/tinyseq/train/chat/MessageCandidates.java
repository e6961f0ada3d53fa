package org.tinyseq.train.chat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tinyseq.serve.chat.CandidateScorer;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.chat.ChatCandidate;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.chat.RetrievedReply;
import org.tinyseq.serve.chat.ScoredCandidate;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.Hypothesis;
import org.tinyseq.serve.decode.ReplyRules;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.text.TextNormalizer;
import org.tinyseq.train.data.TextPair;

/**
 * One validation message with everything the tuning grid needs, computed once: the retriever's top
 * {@code kMax} replies, the decoder's N-best lists for every N of the grid (under {@link
 * ReplyRules#CHAT}), the greedy reply, and both directions' scores of every candidate text and of
 * the 20 replies of hits@1/20. A reply for any (k, N, ranking) is then chosen by the serving code
 * ({@link ChatAnswerer#candidates}, {@link ChatAnswerer#choose}) from these scores, so the figures
 * are those of the path the bot runs.
 */
public final class MessageCandidates {
  private final String message;
  private final String reference;
  private final List<RetrievedReply> retrieved;
  private final Map<Integer, List<Hypothesis>> generated;
  private final String greedy;
  private final List<String> hitReplies;
  private final Map<String, double[]> scores;

  private MessageCandidates(
      String message,
      String reference,
      List<RetrievedReply> retrieved,
      Map<Integer, List<Hypothesis>> generated,
      String greedy,
      List<String> hitReplies,
      Map<String, double[]> scores) {
    this.message = message;
    this.reference = reference;
    this.retrieved = retrieved;
    this.generated = generated;
    this.greedy = greedy;
    this.hitReplies = hitReplies;
    this.scores = scores;
  }

  /** What to compute for every message of a set. */
  public record Plan(
      GreedyDecoder forward,
      GreedyDecoder reverse,
      ReplyRetriever retriever,
      int kMax,
      List<Integer> generatedSizes,
      int maxSteps,
      int threads) {}

  /** The candidates of every pair of {@code set} (message, true reply), in order. */
  public static List<MessageCandidates> build(List<TextPair> set, Plan plan) throws Exception {
    List<String> replies = set.stream().map(p -> TextNormalizer.normalize(p.target())).toList();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plan.threads()));
    try {
      List<Future<MessageCandidates>> futures = new ArrayList<>();
      for (int i = 0; i < set.size(); i++) {
        int at = i;
        futures.add(pool.submit(() -> one(set.get(at).source(), replies, at, plan)));
      }
      List<MessageCandidates> out = new ArrayList<>(set.size());
      for (Future<MessageCandidates> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  private static MessageCandidates one(String source, List<String> replies, int i, Plan plan) {
    String message = TextNormalizer.normalize(source);
    GreedyDecoder fwd = plan.forward();
    SourceIds ids = fwd.sourceIds(message);
    List<RetrievedReply> retrieved =
        plan.retriever() == null || plan.kMax() == 0
            ? List.of()
            : plan.retriever().top(message, plan.kMax());
    Map<Integer, List<Hypothesis>> generated = new LinkedHashMap<>();
    for (int n : plan.generatedSizes()) {
      generated.put(n, n == 0 ? List.of() : fwd.nBest(ids, plan.maxSteps(), n, ReplyRules.CHAT));
    }
    String greedy = fwd.decode(ids, plan.maxSteps()).text();
    List<String> hitReplies = new ArrayList<>();
    hitReplies.add(replies.get(i));
    for (int d : HitsAtOne.distractors(i, replies.size())) {
      hitReplies.add(replies.get(d));
    }
    Set<String> texts = new LinkedHashSet<>(hitReplies);
    for (List<Hypothesis> g : generated.values()) {
      for (ChatCandidate c : ChatAnswerer.candidates(retrieved, g)) {
        texts.add(c.text());
      }
    }
    List<ChatCandidate> all = new ArrayList<>();
    for (String t : texts) {
      all.add(new ChatCandidate(t, ChatCandidate.Origin.RETRIEVED));
    }
    Map<String, double[]> scores = new HashMap<>();
    for (ScoredCandidate s : new CandidateScorer(fwd, plan.reverse()).score(message, ids, all)) {
      scores.put(s.candidate().text(), new double[] {s.forward(), s.reverse()});
    }
    return new MessageCandidates(
        message, replies.get(i), retrieved, generated, greedy, hitReplies, scores);
  }

  public String message() {
    return message;
  }

  public String reference() {
    return reference;
  }

  public String greedy() {
    return greedy;
  }

  /** The retriever's best reply, or "" when it found none. */
  public String retrievedTop() {
    return retrieved.isEmpty() ? "" : TextNormalizer.normalize(retrieved.get(0).reply());
  }

  /** The reply the chat path gives with the top {@code k} retrieved and {@code n} generated. */
  public String reply(int k, int n, ChatRanking ranking) {
    List<Hypothesis> g = generated.get(n);
    if (g == null) {
      throw new IllegalArgumentException("N = " + n + " was not computed");
    }
    List<ChatCandidate> candidates =
        ChatAnswerer.candidates(retrieved.subList(0, Math.min(k, retrieved.size())), g);
    List<ScoredCandidate> scored = new ArrayList<>(candidates.size());
    for (ChatCandidate c : candidates) {
      double[] s = scores.get(c.text());
      scored.add(new ScoredCandidate(c, s[0], s[1]));
    }
    return ChatAnswerer.choose(scored, ranking).text();
  }

  /**
   * How many candidates the chat path scores with the top {@code k} retrieved and {@code n}
   * generated.
   */
  public int candidateCount(int k, int n) {
    return ChatAnswerer.candidates(
            retrieved.subList(0, Math.min(k, retrieved.size())), generated.get(n))
        .size();
  }

  /** Whether {@code ranking} scores the true reply above the 19 distractors. */
  public boolean hit(ChatRanking ranking) {
    double[] s = new double[HitsAtOne.CANDIDATES];
    for (int j = 0; j < s.length; j++) {
      String t = hitReplies.get(j);
      double[] fr = scores.get(t);
      s[j] =
          ranking.score(
              new ScoredCandidate(
                  new ChatCandidate(t, ChatCandidate.Origin.RETRIEVED), fr[0], fr[1]));
    }
    return HitsAtOne.hit(s[0], Arrays.copyOfRange(s, 1, s.length));
  }

  /** Whether the message-reply trigram cosine ranks the true reply above the 19 distractors. */
  public boolean retrievalHit() {
    double[] s = new double[HitsAtOne.CANDIDATES];
    for (int j = 0; j < s.length; j++) {
      s[j] = TrigramCosine.of(message, hitReplies.get(j));
    }
    return HitsAtOne.hit(s[0], Arrays.copyOfRange(s, 1, s.length));
  }
}

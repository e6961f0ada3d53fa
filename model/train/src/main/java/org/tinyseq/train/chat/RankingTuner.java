package org.tinyseq.train.chat;

import java.util.ArrayList;
import java.util.List;
import org.tinyseq.serve.chat.ChatRanking;

/**
 * Chooses λ, k, N and the short-reply penalty on tuning messages, in two stages:
 *
 * <ol>
 *   <li>λ: the value of the grid with the best hits@1/20 (the scorer's own measure of whether it
 *       knows which reply fits; penalty 0); the smallest such λ on ties. Without a reverse model λ
 *       is 0.
 *   <li>k, N, penalty: with that λ, the combination whose replies have the best chrF against the
 *       true replies among those that meet the diversity goals (most frequent reply at most 2%, no
 *       reply repeating a word 3-gram, word distinct-2 at least half the true replies' own); when
 *       none meets them, the best chrF of all (and the result says so). Only settings within the
 *       serving budget ({@link #cost}) are chosen. The first in grid order wins ties.
 * </ol>
 */
public final class RankingTuner {
  private RankingTuner() {}

  /**
   * The grid to search.
   *
   * @param maxCost the serving budget in candidate units: settings whose {@link #cost} is higher
   *     are listed but never chosen
   */
  public record Grid(
      List<Double> lambdas,
      List<Integer> retrieved,
      List<Integer> generated,
      List<Double> penalties,
      double maxCost) {}

  /**
   * A beam row costs about 1.5 scored candidates (measured with {@code bench}, default:chat: 3.1 ms
   * CPU a candidate, both directions; a beam of 2 about 9-12 ms: it runs to the step limit when a
   * hypothesis does not end).
   */
  public static final double BEAM_ROW_COST = 1.5;

  /**
   * The serving cost of a setting in candidate units (one candidate scored both ways): mean
   * candidates plus the beam rows. A ranking that reads one direction only (λ 0 or 1, or no reverse
   * model) scores each candidate once, so a candidate costs half a unit ({@code CandidateScorer}).
   */
  public static double cost(double meanCandidates, int generated, double lambda, boolean reverse) {
    double perCandidate = reverse && lambda > 0 && lambda < 1 ? 1 : 0.5;
    return meanCandidates * perCandidate + BEAM_ROW_COST * generated;
  }

  /** One evaluated combination of stage 2. */
  public record Row(
      ChatRanking ranking,
      ReplyFigures figures,
      double meanCandidates,
      boolean meetsGoals,
      boolean inBudget) {}

  /** The choice and how it was made. */
  public record Choice(
      ChatRanking ranking,
      List<double[]> lambdaHits,
      List<Row> rows,
      boolean goalsMet,
      double humanDistinct2) {}

  public static Choice tune(List<MessageCandidates> set, Grid grid, boolean hasReverse) {
    List<double[]> lambdaHits = new ArrayList<>();
    double lambda = 0;
    double bestHits = -1;
    for (double l : hasReverse ? grid.lambdas() : List.of(0.0)) {
      double hits = hitsAt1(set, new ChatRanking(l, 1, 0, 0));
      lambdaHits.add(new double[] {l, hits});
      if (hits > bestHits) {
        bestHits = hits;
        lambda = l;
      }
    }
    List<String> references = set.stream().map(MessageCandidates::reference).toList();
    double humanDistinct2 = ReplyFigures.of(references, references, Double.NaN).distinct2();
    List<Row> rows = new ArrayList<>();
    Row best = null;
    Row bestFeasible = null;
    for (int k : grid.retrieved()) {
      for (int n : grid.generated()) {
        if (k + n == 0) {
          continue;
        }
        for (double p : grid.penalties()) {
          ChatRanking r = new ChatRanking(lambda, k, n, p);
          List<String> replies = new ArrayList<>(set.size());
          long candidates = 0;
          for (MessageCandidates m : set) {
            replies.add(m.reply(k, n, r));
            candidates += m.candidateCount(k, n);
          }
          ReplyFigures f = ReplyFigures.of(replies, references, Double.NaN);
          double meanCandidates = (double) candidates / Math.max(1, set.size());
          boolean goals =
              f.topReplyShare() <= 2.0
                  && f.repeatShare() == 0
                  && f.distinct2() >= humanDistinct2 / 2;
          boolean inBudget = cost(meanCandidates, n, lambda, hasReverse) <= grid.maxCost();
          Row row = new Row(r, f, meanCandidates, goals, inBudget);
          rows.add(row);
          if (!inBudget) {
            continue;
          }
          if (best == null || f.chrF() > best.figures().chrF()) {
            best = row;
          }
          if (goals && (bestFeasible == null || f.chrF() > bestFeasible.figures().chrF())) {
            bestFeasible = row;
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(
          "no setting of the grid is within --max-cost " + grid.maxCost());
    }
    Row chosen = bestFeasible != null ? bestFeasible : best;
    return new Choice(chosen.ranking(), lambdaHits, rows, bestFeasible != null, humanDistinct2);
  }

  /** hits@1/20 in percent of {@code ranking} over the set. */
  public static double hitsAt1(List<MessageCandidates> set, ChatRanking ranking) {
    int hits = 0;
    for (MessageCandidates m : set) {
      hits += m.hit(ranking) ? 1 : 0;
    }
    return 100.0 * hits / Math.max(1, set.size());
  }

  /** hits@1/20 in percent of the message-reply trigram cosine (retrieval alone). */
  public static double retrievalHitsAt1(List<MessageCandidates> set) {
    int hits = 0;
    for (MessageCandidates m : set) {
      hits += m.retrievalHit() ? 1 : 0;
    }
    return 100.0 * hits / Math.max(1, set.size());
  }
}

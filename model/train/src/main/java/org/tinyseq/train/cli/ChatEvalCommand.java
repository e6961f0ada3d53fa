package org.tinyseq.train.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.bundle.ModelRef;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.chat.ChatParts;
import org.tinyseq.serve.chat.ChatRanking;
import org.tinyseq.serve.chat.ChatReply;
import org.tinyseq.serve.chat.MemoryRetriever;
import org.tinyseq.serve.chat.ReplyRetriever;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryEntry;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.serve.text.TextNormalizer;
import org.tinyseq.train.chat.MessageCandidates;
import org.tinyseq.train.chat.RankingBundles;
import org.tinyseq.train.chat.RankingTuner;
import org.tinyseq.train.chat.ReplyFigures;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusManifest;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.EvenSample;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.data.TextPair;
import org.tinyseq.train.memory.MemoryBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Evaluates and tunes the chat answer path on the chat model's validation split (conversations
 * never seen in training): today's greedy decoder, retrieval alone (top-1), reranking with p(T|S)
 * only and reranking both ways, with hits@1/20, BLEU, chrF, distinct-1/2, the most frequent reply's
 * share, the share of replies repeating a word 3-gram and the mean length. λ, k, N and the
 * short-reply penalty are chosen on a tuning sample of validation messages disjoint from the
 * reported ones ({@link RankingTuner}); {@code --write-bundle} records them in a new bundle
 * version.
 */
@Command(
    name = "chat-eval",
    mixinStandardHelpOptions = true,
    description =
        "Evaluate and tune the chat answer path (retrieve, generate, score) on the chat model's"
            + " validation split.")
public final class ChatEvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description = "the chat bundle (directory or default:chat)")
  String model;

  @Option(
      names = "--reverse",
      paramLabel = "<bundle>",
      description =
          "the reverse chat model (reply -> message) when the chat bundle does not carry one")
  String reverse;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--messages",
      defaultValue = "2000",
      paramLabel = "N",
      description = "evenly spaced validation messages reported (default: ${DEFAULT-VALUE})")
  int messages;

  @Option(
      names = "--tune-messages",
      defaultValue = "500",
      paramLabel = "N",
      description =
          "evenly spaced validation messages, none of the reported ones, to choose λ, k, N and the"
              + " penalty on; 0: use the bundle's recorded chatRanking (default: ${DEFAULT-VALUE})")
  int tuneMessages;

  @Option(
      names = "--lambdas",
      split = ",",
      defaultValue = "0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,1",
      paramLabel = "L,...",
      description = "λ grid (default: ${DEFAULT-VALUE})")
  List<Double> lambdas;

  @Option(
      names = "--retrieved",
      split = ",",
      defaultValue = "0,2,4,6,8,16",
      paramLabel = "K,...",
      description = "k grid: retrieved candidates (default: ${DEFAULT-VALUE})")
  List<Integer> retrieved;

  @Option(
      names = "--generated",
      split = ",",
      defaultValue = "0,2,4",
      paramLabel = "N,...",
      description = "N grid: beam width and generated candidates (default: ${DEFAULT-VALUE})")
  List<Integer> generated;

  @Option(
      names = "--short-penalties",
      split = ",",
      defaultValue = "0,0.25,0.5,1",
      paramLabel = "P,...",
      description =
          "grid of the penalty of replies of at most "
              + ChatRanking.SHORT_REPLY_WORDS
              + " words (default: ${DEFAULT-VALUE})")
  List<Double> penalties;

  @Option(
      names = "--max-cost",
      defaultValue = "6",
      paramLabel = "C",
      description =
          "serving budget: only settings whose mean candidates a message (half each when λ is 0"
              + " or 1: one direction scored) plus 1.5 a beam row are at most C are chosen (default: ${DEFAULT-VALUE}: about 20 ms CPU a message,"
              + " 100 messages/s on 2 cores; docs/chat.md)")
  double maxCost;

  @Option(
      names = "--threads",
      defaultValue = "2",
      paramLabel = "N",
      description = "messages scored in parallel (default: ${DEFAULT-VALUE})")
  int threads;

  @Option(
      names = "--show",
      defaultValue = "0",
      paramLabel = "N",
      description = "print N reported messages with true, greedy and chosen replies")
  int show;

  @Option(
      names = "--read",
      paramLabel = "<file>",
      description =
          "also answer the messages of this file (one a line) with today's path (memory, then"
              + " greedy decoder) and the chat path with the chosen ranking, side by side")
  Path read;

  @Option(names = "--json", paramLabel = "<out.json>", description = "also write the figures here")
  Path json;

  @Option(
      names = "--write-bundle",
      paramLabel = "<folder>",
      description =
          "write a new version of the chat bundle into this folder with the tuned chatRanking and"
              + " the figures in its manifest")
  Path writeBundle;

  @Override
  public Integer call() throws Exception {
    if (messages < 20 || tuneMessages < 0 || threads < 1 || show < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--messages must be >= 20 (hits@1/20), --tune-messages and --show >= 0, --threads >= 1");
    }
    if (tuneMessages > 0 && tuneMessages < 20) {
      throw new ParameterException(spec.commandLine(), "--tune-messages must be 0 or >= 20");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Bundle bundle = Models.load(model);
    if (bundle.kind() != ModelKind.CHAT) {
      throw new IllegalArgumentException(
          model + " is a " + bundle.kind().jsonName() + " model, not chat");
    }
    GreedyDecoder forward = GreedyDecoder.of(bundle);
    ChatParts parts = ChatParts.of(bundle);
    GreedyDecoder reverseDecoder =
        reverse != null ? GreedyDecoder.of(Models.load(reverse)) : parts.reverse();

    Corpus data = corpus.load();
    List<String> trained = CorpusManifest.sourceChecksums(bundle.manifest().corpus());
    if (!data.parts().stream().allMatch(p -> trained.contains(p.sha256()))) {
      throw new IllegalArgumentException(
          corpus.data() + " is not the corpus " + bundle.version() + " was trained on");
    }
    PreparedData prepared =
        DataPipeline.prepare(data, DataOptions.fromMap(bundle.manifest().training()));
    List<TextPair> validation = prepared.validation();
    List<TextPair> report = EvenSample.of(validation, messages);
    Set<TextPair> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    reported.addAll(report);
    List<TextPair> rest = validation.stream().filter(p -> !reported.contains(p)).toList();
    List<TextPair> tune = tuneMessages == 0 ? List.of() : EvenSample.of(rest, tuneMessages);

    ReplyRetriever retriever = parts.retriever();
    String pool = "the bundle's retrieval pool";
    if (retriever == null) {
      List<MemoryEntry> entries = MemoryBuilder.entries(prepared.train());
      retriever = new MemoryRetriever(new ExampleMemory(entries, 1.0));
      pool =
          String.format(
              Locale.ROOT,
              "character-trigram cosine over the %,d distinct messages of the %,d training pairs"
                  + " (fallback: the bundle has no pool)",
              entries.size(),
              prepared.train().size());
    }
    int steps = bundle.architecture().maxTargetLength();
    ChatRanking ranking = ChatRanking.fromMetrics(bundle.manifest().metrics());
    List<Integer> sizes = tuneMessages > 0 ? generated : List.of(ranking.generated());
    int kMax =
        tuneMessages > 0
            ? retrieved.stream().mapToInt(Integer::intValue).max().orElse(0)
            : ranking.retrieved();
    err.printf(
        Locale.ROOT,
        "chat-eval %s: %,d validation pairs; %d reported, %d for tuning; reverse model: %s;"
            + " retriever: %s%n",
        bundle.version(),
        validation.size(),
        report.size(),
        tune.size(),
        reverseDecoder == null ? "none" : reverseDecoder.bundle().version(),
        pool);
    err.flush();

    RankingTuner.Choice choice = null;
    long start = System.nanoTime();
    if (!tune.isEmpty()) {
      List<MessageCandidates> tuneSet =
          MessageCandidates.build(
              tune,
              new MessageCandidates.Plan(
                  forward, reverseDecoder, retriever, kMax, sizes, steps, threads));
      choice =
          RankingTuner.tune(
              tuneSet,
              new RankingTuner.Grid(lambdas, retrieved, generated, penalties, maxCost),
              reverseDecoder != null);
      ranking = choice.ranking();
      printTuning(out, choice, tune.size(), (System.nanoTime() - start) / 1e9);
    }
    start = System.nanoTime();
    List<MessageCandidates> set =
        MessageCandidates.build(
            report,
            new MessageCandidates.Plan(
                forward,
                reverseDecoder,
                retriever,
                ranking.retrieved(),
                List.of(ranking.generated()),
                steps,
                threads));
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> references = set.stream().map(MessageCandidates::reference).toList();
    ChatRanking forwardOnly =
        new ChatRanking(0, ranking.retrieved(), ranking.generated(), ranking.shortReplyPenalty());
    Map<String, ReplyFigures> rows = new LinkedHashMap<>();
    double forwardHits = RankingTuner.hitsAt1(set, forwardOnly);
    rows.put(
        "decoder (greedy)",
        ReplyFigures.of(
            set.stream().map(MessageCandidates::greedy).toList(), references, forwardHits));
    rows.put(
        "retrieval alone (top-1)",
        ReplyFigures.of(
            set.stream().map(MessageCandidates::retrievedTop).toList(),
            references,
            RankingTuner.retrievalHitsAt1(set)));
    List<String> forwardReplies = replies(set, forwardOnly);
    rows.put("rerank p(T|S) only", ReplyFigures.of(forwardReplies, references, forwardHits));
    List<String> bidiReplies = null;
    if (reverseDecoder != null) {
      bidiReplies = replies(set, ranking);
      rows.put(
          "rerank both ways",
          ReplyFigures.of(bidiReplies, references, RankingTuner.hitsAt1(set, ranking)));
    }
    rows.put("true replies", ReplyFigures.of(references, references, Double.NaN));
    out.printf(
        Locale.ROOT,
        "%nreported: %d validation messages (scored in %.0f s); ranking λ=%s k=%d N=%d"
            + " shortReplyPenalty=%s%n",
        set.size(),
        seconds,
        ranking.lambda(),
        ranking.retrieved(),
        ranking.generated(),
        ranking.shortReplyPenalty());
    printTable(out, rows);
    List<String> shown = bidiReplies != null ? bidiReplies : forwardReplies;
    for (int i = 0; i < Math.min(show, set.size()); i++) {
      MessageCandidates m = set.get(i);
      out.printf(
          "%n  message   %s%n  true      %s%n  greedy    %s%n  chosen    %s%n",
          m.message(), m.reference(), m.greedy(), shown.get(i));
    }
    if (read != null) {
      ChatAnswerer answerer = new ChatAnswerer(forward, reverseDecoder, retriever, ranking, steps);
      out.printf("%nmessages of %s: today's reply (memory, then greedy) / chat path%n", read);
      for (String line : Files.readAllLines(read)) {
        String text = TextNormalizer.normalize(line);
        if (text.isEmpty()) {
          continue;
        }
        MemoryMatch remembered = bundle.hasMemory() ? bundle.memory().answer(text) : null;
        String old =
            remembered != null
                ? remembered.target()
                : forward.decode(forward.sourceIds(text), steps).text();
        ChatReply now = answerer.reply(text);
        out.printf(
            "%n  message  %s%n  today    %s%n  new      %s  (%s)%n",
            text, old, now.text(), now.origin());
      }
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("messages", set.size());
    figures.put("tuneMessages", tune.size());
    figures.put("retriever", pool);
    figures.put("reverse", reverseDecoder == null ? "" : reverseDecoder.bundle().version());
    rows.forEach((name, f) -> figures.put(name, f.toMap()));
    if (json != null) {
      Map<String, Object> all = new LinkedHashMap<>(figures);
      all.put("chatRanking", ranking.toMap());
      if (choice != null) {
        all.put("lambdaHitsAt1", choice.lambdaHits());
        List<Map<String, Object>> grid = new ArrayList<>();
        for (RankingTuner.Row r : choice.rows()) {
          Map<String, Object> g = new LinkedHashMap<>(r.ranking().toMap());
          g.putAll(r.figures().toMap());
          g.put("meanCandidates", r.meanCandidates());
          g.put("meetsGoals", r.meetsGoals());
          g.put("inBudget", r.inBudget());
          grid.add(g);
        }
        all.put("grid", grid);
      }
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), all);
    }
    if (writeBundle != null) {
      Map<String, Object> notes = new LinkedHashMap<>();
      notes.put(
          "chosenOn",
          choice == null
              ? "recorded before (no tuning run)"
              : tune.size()
                  + " evenly spaced validation messages disjoint from the "
                  + set.size()
                  + " reported: λ by hits@1/20, then k, N, penalty by chrF among settings meeting"
                  + " the diversity goals");
      if (choice != null) {
        notes.put("goalsMetOnTuning", choice.goalsMet());
      }
      notes.put("reverse", reverseDecoder == null ? "" : reverseDecoder.bundle().version());
      notes.put(
          "command",
          // originalArgs starts with the subcommand's own name
          "model.jar " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
      Path written =
          RankingBundles.write(
              bundle, ModelRef.source(model), writeBundle, ranking, notes, figures);
      out.printf("%nwrote %s%n", written);
    }
    out.flush();
    return 0;
  }

  private static List<String> replies(List<MessageCandidates> set, ChatRanking r) {
    return set.stream().map(m -> m.reply(r.retrieved(), r.generated(), r)).toList();
  }

  private static void printTuning(
      PrintWriter out, RankingTuner.Choice c, int messages, double seconds) {
    out.printf(Locale.ROOT, "tuning on %d validation messages (%.0f s)%n", messages, seconds);
    out.print("  hits@1/20 by λ:");
    for (double[] lh : c.lambdaHits()) {
      out.printf(Locale.ROOT, " %.2f:%.1f", lh[0], lh[1]);
    }
    out.println();
    out.printf(
        Locale.ROOT,
        "  true replies' distinct-2 %.2f (goal: at least %.2f); %s%n",
        c.humanDistinct2(),
        c.humanDistinct2() / 2,
        c.goalsMet()
            ? "chosen among the settings meeting the goals"
            : "NO setting met the goals: chosen by chrF alone");
    out.printf(
        Locale.ROOT,
        "  %-26s %6s %6s %6s %6s %6s %6s %6s %6s %s%n",
        "λ / k / N / penalty",
        "cands",
        "BLEU",
        "chrF",
        "dist1",
        "dist2",
        "top%",
        "rep3%",
        "words",
        "goals");
    for (RankingTuner.Row r : c.rows()) {
      ChatRanking k = r.ranking();
      ReplyFigures f = r.figures();
      out.printf(
          Locale.ROOT,
          "  %-26s %6.1f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %s%s%s%n",
          String.format(
              Locale.ROOT,
              "%.2f / %d / %d / %.2f",
              k.lambda(),
              k.retrieved(),
              k.generated(),
              k.shortReplyPenalty()),
          r.meanCandidates(),
          f.bleu(),
          f.chrF(),
          f.distinct1(),
          f.distinct2(),
          f.topReplyShare(),
          f.repeatShare(),
          f.meanWords(),
          r.meetsGoals() ? "yes" : "no",
          r.inBudget() ? "" : " (over budget)",
          k.equals(c.ranking()) ? "  <- chosen" : "");
    }
  }

  private static void printTable(PrintWriter out, Map<String, ReplyFigures> rows) {
    out.printf(
        Locale.ROOT,
        "%-24s %9s %6s %6s %6s %6s %6s %6s %6s  %s%n",
        "system",
        "hits@1/20",
        "BLEU",
        "chrF",
        "dist1",
        "dist2",
        "top%",
        "rep3%",
        "words",
        "most frequent reply");
    rows.forEach(
        (name, f) ->
            out.printf(
                Locale.ROOT,
                "%-24s %9s %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f  %s%n",
                name,
                Double.isNaN(f.hitsAt1()) ? "-" : String.format(Locale.ROOT, "%.1f", f.hitsAt1()),
                f.bleu(),
                f.chrF(),
                f.distinct1(),
                f.distinct2(),
                f.topReplyShare(),
                f.repeatShare(),
                f.meanWords(),
                f.topReply()));
  }
}

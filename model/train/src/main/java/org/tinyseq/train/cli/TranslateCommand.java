package org.tinyseq.train.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyseq.serve.TranslateRoute;
import org.tinyseq.serve.bundle.Bundle;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.chat.ChatAnswerer;
import org.tinyseq.serve.decode.Decoded;
import org.tinyseq.serve.decode.GreedyDecoder;
import org.tinyseq.serve.decode.SourceIds;
import org.tinyseq.serve.memory.ExampleMemory;
import org.tinyseq.serve.memory.MemoryMatch;
import org.tinyseq.serve.text.ChineseFold;
import org.tinyseq.serve.text.TextNormalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Reads sentences on standard input, one a line, and writes one decoding (greedy, or beam search
 * with {@code --beam}) a line, in the same order; an empty line gives an empty line. With {@code
 * --memory on} (the default) a line close enough to a training source is answered from the bundle's
 * example memory, as the bot does. Lines are decoded in batches of what has already arrived, so
 * piping a file is fast and typing a line answers at once.
 */
@Command(
    name = "translate",
    mixinStandardHelpOptions = true,
    description = "Decode sentences from standard input, one a line, to standard output.")
public final class TranslateCommand implements Callable<Integer> {
  @ParentCommand ModelCli parent;
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "<bundle>",
      description =
          "bundle directory, default:translate (both directions: each line goes English to"
              + " Chinese or Chinese to English by its text), default:translate-zh-en or"
              + " default:chat")
  String model;

  @Option(
      names = "--to",
      defaultValue = "auto",
      paramLabel = "auto|english|chinese",
      description =
          "with default:translate: the language every line goes into (default: ${DEFAULT-VALUE},"
              + " by each line's text)")
  String to;

  @Option(
      names = "--max-steps",
      paramLabel = "N",
      description = "decode at most N characters (default and cap: the bundle's maxTargetLength)")
  Integer maxSteps;

  @Option(
      names = "--batch",
      defaultValue = "64",
      paramLabel = "N",
      description = "decode up to N lines together (default: ${DEFAULT-VALUE})")
  int batch;

  @Option(
      names = "--beam",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "beam search with N hypotheses (default: ${DEFAULT-VALUE}, greedy; see"
              + " docs/serving-decoder.md)")
  int beam;

  @Option(
      names = "--memory",
      defaultValue = "on",
      paramLabel = "on|off",
      description =
          "on: answer from the bundle's example memory when a line matches a training source at"
              + " or above the bundle's threshold, else decode; off: always decode (default:"
              + " ${DEFAULT-VALUE})")
  OnOff memory;

  @Mixin ChatPathOptions chatPath;

  @Override
  public Integer call() throws Exception {
    if (batch < 1 || beam < 1 || (maxSteps != null && maxSteps < 1)) {
      throw new ParameterException(
          spec.commandLine(), "--batch, --beam and --max-steps must be >= 1");
    }
    TranslateRoute.Into into =
        switch (to) {
          case "auto" -> TranslateRoute.Into.AUTO;
          case "english" -> TranslateRoute.Into.ENGLISH;
          case "chinese" -> TranslateRoute.Into.CHINESE;
          default ->
              throw new ParameterException(
                  spec.commandLine(), "--to must be auto, english or chinese, got '" + to + "'");
        };
    Map<Route, Model> models = new EnumMap<>(Route.class);
    if (model.equals("default:" + ModelKind.TRANSLATE.jsonName())) {
      models.put(Route.INTO_CHINESE, load(model));
      models.put(Route.INTO_ENGLISH, load("default:" + ModelKind.TRANSLATE_ZH_EN.jsonName()));
    } else {
      models.put(Route.ONE_MODEL, load(model));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8));
    // A chat bundle with a pool answers as the bot does (retrieve, generate, score); --memory off
    // keeps meaning "the decoder alone".
    Model one = models.get(Route.ONE_MODEL);
    ChatAnswerer chat =
        memory.on() && one != null ? chatPath.answerer(one.bundle(), one.steps()) : null;
    String line;
    if (chat != null) {
      while ((line = in.readLine()) != null) {
        String text = TextNormalizer.normalize(line);
        out.println(text.isEmpty() ? "" : chat.reply(text).text());
        out.flush();
      }
      return 0;
    }
    List<String> pending = new ArrayList<>();
    while ((line = in.readLine()) != null) {
      pending.add(line);
      if (pending.size() >= batch || !in.ready()) {
        writeRouted(models, into, pending, out, err);
      }
    }
    writeRouted(models, into, pending, out, err);
    return 0;
  }

  /** Where lines go: the one model given, or one of the two translate directions. */
  private enum Route {
    ONE_MODEL,
    INTO_CHINESE,
    INTO_ENGLISH
  }

  /** A loaded bundle with its decoder, memory (when on) and step limit. */
  private record Model(Bundle bundle, GreedyDecoder decoder, ExampleMemory examples, int steps) {}

  private Model load(String ref) throws Exception {
    Bundle bundle = Models.load(ref);
    GreedyDecoder decoder = GreedyDecoder.of(bundle);
    int steps = maxSteps != null ? maxSteps : bundle.architecture().maxTargetLength();
    return new Model(bundle, decoder, memory.on() ? bundle.memory() : null, steps);
  }

  /**
   * Writes one line per input line, in order. With one model every line goes to it; with both
   * translate directions each line goes where {@link TranslateRoute} sends it (Chinese folded to
   * Simplified, as the bot does), and a line in neither language gets an empty line here and its
   * reason on standard error.
   */
  private void writeRouted(
      Map<Route, Model> models,
      TranslateRoute.Into into,
      List<String> lines,
      PrintWriter out,
      PrintWriter err) {
    if (lines.isEmpty()) {
      return;
    }
    if (models.containsKey(Route.ONE_MODEL)) {
      Model m = models.get(Route.ONE_MODEL);
      writeBatch(m.decoder(), m.examples(), lines, m.steps(), beam, out);
      return;
    }
    String[] answers = new String[lines.size()];
    Map<Route, List<Integer>> groups = new EnumMap<>(Route.class);
    for (int i = 0; i < lines.size(); i++) {
      String text = TextNormalizer.normalize(lines.get(i));
      TranslateRoute.Route route = TranslateRoute.of(text, into);
      if (text.isEmpty()) {
        answers[i] = "";
      } else if (route.refused()) {
        answers[i] = "";
        err.println("line " + (i + 1) + ": " + route.refusal());
      } else {
        Route r =
            route.command() == org.tinyseq.serve.Command.TRANSLATE_ZH_EN
                ? Route.INTO_ENGLISH
                : Route.INTO_CHINESE;
        groups.computeIfAbsent(r, c -> new ArrayList<>()).add(i);
      }
    }
    for (Map.Entry<Route, List<Integer>> g : groups.entrySet()) {
      Model m = models.get(g.getKey());
      List<String> group = new ArrayList<>();
      for (int i : g.getValue()) {
        String text = TextNormalizer.normalize(lines.get(i));
        group.add(g.getKey() == Route.INTO_ENGLISH ? ChineseFold.toSimplified(text) : text);
      }
      StringWriter buffer = new StringWriter();
      writeBatch(m.decoder(), m.examples(), group, m.steps(), beam, new PrintWriter(buffer));
      String[] decoded = buffer.toString().split("\n", -1);
      for (int k = 0; k < g.getValue().size(); k++) {
        answers[g.getValue().get(k)] = decoded[k];
      }
    }
    for (String a : answers) {
      out.println(a);
    }
    out.flush();
    err.flush();
    lines.clear();
  }

  private static void writeBatch(
      GreedyDecoder decoder,
      ExampleMemory examples,
      List<String> lines,
      int steps,
      int beam,
      PrintWriter out) {
    if (lines.isEmpty()) {
      return;
    }
    List<String> normalized = lines.stream().map(TextNormalizer::normalize).toList();
    List<String> remembered = new ArrayList<>();
    List<SourceIds> sources = new ArrayList<>();
    for (String text : normalized) {
      MemoryMatch m = text.isEmpty() || examples == null ? null : examples.answer(text);
      remembered.add(m == null ? null : m.target());
      if (!text.isEmpty() && m == null) {
        sources.add(decoder.sourceIds(text));
      }
    }
    List<Decoded> decoded = decoder.decodeBatch(sources, steps, beam);
    int next = 0;
    for (int i = 0; i < normalized.size(); i++) {
      String text = normalized.get(i);
      if (text.isEmpty()) {
        out.println();
      } else if (remembered.get(i) != null) {
        out.println(remembered.get(i));
      } else {
        out.println(decoded.get(next++).text());
      }
    }
    out.flush();
    lines.clear();
  }
}

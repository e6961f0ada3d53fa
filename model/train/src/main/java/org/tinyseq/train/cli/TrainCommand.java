package org.tinyseq.train.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tinyseq.serve.bundle.Attention;
import org.tinyseq.serve.bundle.Cell;
import org.tinyseq.serve.bundle.ModelKind;
import org.tinyseq.serve.text.TokenUnit;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.DataOptions;
import org.tinyseq.train.data.DataPipeline;
import org.tinyseq.train.data.PreparedData;
import org.tinyseq.train.training.BundleExport;
import org.tinyseq.train.training.EpochRunner;
import org.tinyseq.train.training.TrainOptions;
import org.tinyseq.train.training.Trainer;
import org.tinyseq.train.training.TrainingData;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code model.jar train}: trains a seq2seq model and writes it as a bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains an encoder-decoder model (Keras lstm_seq2seq design) and writes it as a bundle"
          + " into <out>/<kind>-<UTC timestamp>.",
      "A checkpoint is written after every epoch; --resume continues from it."
    })
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin CorpusOptions corpus;

  @Option(
      names = "--kind",
      required = true,
      converter = JsonNameConverters.KindConverter.class,
      description = "translate (English to Chinese), translate-zh-en or chat (the bundle's kind)")
  ModelKind kind;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "<parentDir>",
      description = "parent folder of the bundle, e.g. $MODELS_DIR/translate/")
  Path out;

  @Mixin DataOptionsMixin dataOptions;

  @Option(
      names = "--cell",
      defaultValue = "lstm",
      converter = JsonNameConverters.CellConverter.class,
      description = "lstm or gru (default: lstm)")
  Cell cell;

  @Option(
      names = "--tokens",
      defaultValue = "char",
      converter = JsonNameConverters.TokenUnitConverter.class,
      description = "source tokens: char or word (default: char); targets are always characters")
  TokenUnit tokens;

  @Option(names = "--latent", defaultValue = "256", description = "hidden size (default: 256)")
  int latent;

  @Option(
      names = "--embedding",
      defaultValue = "64",
      description = "input embedding size, 0 = one-hot inputs (default: 64)")
  int embedding;

  @Option(
      names = "--teacher-forcing",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "feed the decoder the true previous character (default); --no-teacher-forcing feeds"
              + " its own previous argmax")
  boolean teacherForcing;

  @Option(
      names = "--attention",
      converter = JsonNameConverters.AttentionConverter.class,
      description =
          "luong: bidirectional encoder, Luong general attention with input feeding; none: the"
              + " Keras design (default: luong for the LSTM with teacher forcing, none otherwise)")
  Attention attention;

  @Option(
      names = "--dropout",
      description =
          "dropout on embeddings and the attentional vector while training, attention models"
              + " only (default: 0.2 with attention, 0 without)")
  Double dropout;

  @Option(names = "--batch-size", defaultValue = "64", description = "default: 64")
  int batchSize;

  @Option(names = "--epochs", defaultValue = "30", description = "maximum epochs (default: 30)")
  int epochs;

  @Option(
      names = "--learning-rate",
      defaultValue = "0.002",
      description = "Adam step size (default: 0.002)")
  double learningRate;

  @Option(
      names = "--clip-norm",
      defaultValue = "5",
      description = "global gradient-norm clipping, 0 = off (default: 5)")
  double clipNorm;

  @Option(
      names = "--source-min-count",
      defaultValue = "1",
      description = "rarer source tokens become <unk> (default: 1)")
  int sourceMinCount;

  @Option(
      names = "--source-max-vocab",
      defaultValue = "0",
      description = "at most this many source tokens, 0 = all (default: 0)")
  int sourceMaxVocab;

  @Option(
      names = "--target-min-count",
      defaultValue = "2",
      description = "rarer target characters become <unk> (default: 2)")
  int targetMinCount;

  @Option(
      names = "--target-max-vocab",
      defaultValue = "0",
      description = "at most this many target characters, 0 = all (default: 0)")
  int targetMaxVocab;

  @Option(
      names = "--patience",
      defaultValue = "3",
      description =
          "early stop after N epochs without a better validation loss, 0 = off" + " (default: 3)")
  int patience;

  @Option(
      names = "--bucketing",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "batch pairs of similar length (default); --no-bucketing pads to the maxima")
  boolean bucketing;

  @Option(names = "--seed", defaultValue = "1234", description = "training seed (default: 1234)")
  long seed;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description =
          "gradient workers, each with its own graphs on one core (default: 2); results are"
              + " repeatable for a given count")
  int threads;

  @Option(
      names = "--max-minutes",
      defaultValue = "0",
      description =
          "stop starting new epochs once this much training time is used, 0 = no limit"
              + " (default: 0)")
  double maxMinutes;

  @Option(
      names = "--checkpoint-dir",
      paramLabel = "<dir>",
      description = "checkpoint folder (default: <out>/.checkpoint-<kind>)")
  Path checkpointDir;

  @Option(names = "--resume", description = "continue from the checkpoint if there is one")
  boolean resume;

  @Option(
      names = "--eval-limit",
      defaultValue = "0",
      description =
          "score at most N validation pairs (an evenly spaced sample) with greedy decoding, 0 = all"
              + " (default: 0)")
  int evalLimit;

  @Option(
      names = "--max-train-pairs",
      defaultValue = "0",
      description =
          "train on a seeded random subset of this many training pairs (the validation split is"
              + " unchanged), 0 = all (default: 0)")
  int maxTrainPairs;

  @Option(names = "--quiet", description = "no progress bar")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    return run(spec.commandLine(), corpus.load(), null, "java -jar model.jar train", Map.of());
  }

  /** The corpus options (model/spark reads remote sources through them). */
  public CorpusOptions corpusOptions() {
    return corpus;
  }

  /**
   * Prepares {@code loaded} under these options, trains it and writes the bundle; prints the
   * bundle's path on {@code commandLine}'s output.
   *
   * @param commandLine whose output streams and original arguments are used
   * @param runners how epochs are computed; null = in this process ({@code --threads} workers)
   * @param program the command's program part as the manifest records it, e.g. {@code java -jar
   *     model.jar train}
   * @param extraTraining more entries for the manifest's {@code training} map
   */
  public int run(
      CommandLine commandLine,
      Corpus loaded,
      EpochRunner.Factory runners,
      String program,
      Map<String, Object> extraTraining)
      throws IOException {
    long start = System.nanoTime();
    PrintWriter err = commandLine.getErr();
    TrainOptions options = options();
    DataOptions data = dataOptions.toDataOptions();
    PreparedData prepared = subset(DataPipeline.prepare(loaded, data), maxTrainPairs, seed);
    TrainingData trainingData = TrainingData.of(prepared, options);
    err.printf(
        "%s: %d training pairs, %d validation pairs, vocabularies %d source / %d target%n",
        loaded.name(),
        trainingData.train().size(),
        trainingData.validation().size(),
        trainingData.sourceVocabulary().size(),
        trainingData.targetVocabulary().size());
    err.flush();
    Path checkpoints =
        checkpointDir != null ? checkpointDir : out.resolve(".checkpoint-" + kind.jsonName());
    Trainer trainer = new Trainer(options, !quiet, maxMinutes);
    Map<String, Object> identity = runIdentity(loaded, data, options, maxTrainPairs);
    Trainer.Result result =
        runners == null
            ? trainer.train(trainingData, identity, checkpoints, resume)
            : trainer.train(trainingData, identity, checkpoints, resume, runners);
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("maxTrainPairs", maxTrainPairs);
    extra.put("evalLimit", evalLimit);
    extra.putAll(extraTraining);
    Path bundle =
        BundleExport.write(
            out,
            new BundleExport.Request(
                result,
                loaded,
                prepared,
                data,
                options,
                commandLine(commandLine, program),
                (System.nanoTime() - start) / 1e9,
                evalLimit,
                extra));
    commandLine.getOut().println(bundle);
    commandLine.getOut().flush();
    return 0;
  }

  /** At most {@code limit} training pairs, chosen by a seeded shuffle (0 = all). */
  static PreparedData subset(PreparedData prepared, int limit, long seed) {
    if (limit <= 0 || prepared.train().size() <= limit) {
      return prepared;
    }
    java.util.List<org.tinyseq.train.data.TextPair> train =
        new java.util.ArrayList<>(prepared.train());
    java.util.Collections.shuffle(train, new java.util.Random(seed));
    return prepared.withTrain(train.subList(0, limit));
  }

  TrainOptions options() {
    return new TrainOptions(
        kind,
        cell,
        tokens,
        latent,
        embedding,
        teacherForcing,
        batchSize,
        epochs,
        learningRate,
        clipNorm,
        sourceMinCount,
        sourceMaxVocab,
        targetMinCount,
        targetMaxVocab,
        patience,
        bucketing,
        seed,
        threads,
        attentionOrDefault(),
        dropout != null ? dropout : attentionOrDefault() == Attention.LUONG ? 0.2 : 0.0);
  }

  /** Attention unless asked otherwise, where it is built (the LSTM with teacher forcing). */
  private Attention attentionOrDefault() {
    if (attention != null) {
      return attention;
    }
    return cell == Cell.LSTM && teacherForcing ? Attention.LUONG : Attention.NONE;
  }

  /** What a checkpoint must match to be resumed: data and every option that shapes training. */
  static Map<String, Object> runIdentity(
      Corpus corpus, DataOptions data, TrainOptions options, int maxTrainPairs) {
    Map<String, Object> id = new LinkedHashMap<>();
    if (maxTrainPairs > 0) {
      id.put("maxTrainPairs", maxTrainPairs);
    }
    id.put("corpusSha256", corpus.sha256());
    id.putAll(data.toMap());
    Map<String, Object> o = new LinkedHashMap<>(options.toMap());
    o.remove("epochs"); // may be raised when resuming
    o.remove("patience");
    o.remove("threads");
    id.putAll(o);
    // Round-trip through JSON types so a map read back from a checkpoint compares equal.
    return org.tinyseq.train.training.Checkpoint.normalize(id);
  }

  private static String commandLine(CommandLine commandLine, String program) {
    StringBuilder sb = new StringBuilder(program);
    java.util.List<String> args = commandLine.getParseResult().originalArgs();
    int first = !args.isEmpty() && args.get(0).equals(commandLine.getCommandSpec().name()) ? 1 : 0;
    for (String arg : args.subList(first, args.size())) {
      sb.append(' ').append(arg.matches("[\\w./:=,+-]+") ? arg : "'" + arg + "'");
    }
    return sb.toString();
  }
}

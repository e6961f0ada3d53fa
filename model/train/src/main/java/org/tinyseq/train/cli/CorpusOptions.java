package org.tinyseq.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusFormat;
import org.tinyseq.train.data.CorpusLoader;
import org.tinyseq.train.data.MalformedPolicy;
import picocli.CommandLine.Option;

/**
 * Where a command reads its corpus: {@code --data} (once per source), {@code --format}, {@code
 * --on-malformed}.
 */
public final class CorpusOptions {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "<file|folder>",
      description =
          "corpus file (cmn-eng, TSV or dialogue TSV) or chat YAML folder; repeat to combine"
              + " several sources (each is split on its own)")
  List<String> data; // strings, not Paths: model/spark reads hdfs:// and s3a:// locations too

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "<format>",
      description =
          "auto, cmn, tsv, chat or dialogue, for every --data (default: ${DEFAULT-VALUE}: folder"
              + " or .yml -> chat, header 'conversation topic turn text' -> dialogue,"
              + " 3 columns -> cmn, else tsv)")
  CorpusFormat format;

  @Option(
      names = "--on-malformed",
      defaultValue = "skip",
      paramLabel = "<policy>",
      description = "skip (warn and count) or fail (stop at the first bad line); default: skip")
  MalformedPolicy onMalformed;

  /** The sources, in command-line order. */
  public List<Path> sources() {
    return data.stream().map(Path::of).toList();
  }

  /** The sources as given on the command line, in order. */
  public List<String> locations() {
    return List.copyOf(data);
  }

  /** The sources for messages: the path, or the paths joined by " + ". */
  public String data() {
    return String.join(" + ", data);
  }

  /** Reads every source; several are combined ({@link Corpus#combine}). */
  public Corpus load() throws IOException {
    return load(Path::of);
  }

  /** How a source location becomes a local file or folder to read. */
  @FunctionalInterface
  public interface LocalCopy {
    Path of(String location) throws IOException;
  }

  /**
   * Reads every source through {@code localCopy} (model/spark copies remote sources to local files
   * first); several are combined ({@link Corpus#combine}).
   */
  public Corpus load(LocalCopy localCopy) throws IOException {
    List<Corpus> corpora = new ArrayList<>();
    for (String source : data) {
      corpora.add(CorpusLoader.load(localCopy.of(source), format, onMalformed));
    }
    return Corpus.combine(corpora);
  }
}

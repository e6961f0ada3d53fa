package org.tinyseq.train.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.tinyseq.train.data.Corpus;
import org.tinyseq.train.data.CorpusFormat;
import org.tinyseq.train.data.CorpusLoader;
import org.tinyseq.train.data.MalformedPolicy;
import picocli.CommandLine.Option;

/** Where a command reads its corpus: {@code --data}, {@code --format}, {@code --on-malformed}. */
public final class CorpusOptions {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "<file|folder>",
      description = "corpus file (cmn-eng or TSV) or chat YAML folder")
  Path data;

  @Option(
      names = "--format",
      defaultValue = "auto",
      paramLabel = "<format>",
      description =
          "auto, cmn, tsv or chat (default: ${DEFAULT-VALUE}: folder or .yml -> chat, 3 columns ->"
              + " cmn, else tsv)")
  CorpusFormat format;

  @Option(
      names = "--on-malformed",
      defaultValue = "skip",
      paramLabel = "<policy>",
      description = "skip (warn and count) or fail (stop at the first bad line); default: skip")
  MalformedPolicy onMalformed;

  public Path data() {
    return data;
  }

  public Corpus load() throws IOException {
    return CorpusLoader.load(data, format, onMalformed);
  }
}

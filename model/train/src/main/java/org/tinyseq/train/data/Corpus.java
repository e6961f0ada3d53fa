package org.tinyseq.train.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.tinyseq.serve.bundle.Checksums;

/**
 * A corpus as read from disk, before normalisation: one source (a file or folder), or several
 * sources combined ({@link #combine}) for one training run.
 *
 * @param name short name: the file name without extension, or the folder name; for combined sources
 *     their names joined by {@code +}
 * @param path where it was read from; {@code null} for combined sources (see {@link #location()})
 * @param sha256 lower-case hex SHA-256 of the file, or of the concatenated files of a folder in
 *     reading order (see {@link CorpusLoader}); for combined sources the SHA-256 of their
 *     checksums, one a line in order (an identity for checkpoints; evaluation matches the sources
 *     one by one)
 * @param pairs the pairs in file order (combined: the sources' pairs one after the other)
 * @param skipped malformed lines or entries skipped under {@link MalformedPolicy#SKIP}
 * @param sources the single sources of a combined corpus, in order; empty for a single source
 */
public record Corpus(
    String name,
    Path path,
    String sha256,
    List<TextPair> pairs,
    int skipped,
    List<Corpus> sources) {
  public Corpus {
    pairs = List.copyOf(pairs);
    sources = List.copyOf(sources);
  }

  /** A single source. */
  public Corpus(String name, Path path, String sha256, List<TextPair> pairs, int skipped) {
    this(name, path, sha256, pairs, skipped, List.of());
  }

  /** One source as is; several as one combined corpus. */
  public static Corpus combine(List<Corpus> sources) {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no corpus");
    }
    if (sources.size() == 1) {
      return sources.get(0);
    }
    List<TextPair> pairs = new ArrayList<>();
    StringBuilder checksums = new StringBuilder();
    int skipped = 0;
    for (Corpus source : sources) {
      if (source.isCombined()) {
        throw new IllegalArgumentException("combined corpora cannot be nested");
      }
      pairs.addAll(source.pairs());
      checksums.append(source.sha256()).append('\n');
      skipped += source.skipped();
    }
    return new Corpus(
        sources.stream().map(Corpus::name).collect(Collectors.joining("+")),
        null,
        Checksums.sha256(checksums.toString().getBytes(StandardCharsets.UTF_8)),
        pairs,
        skipped,
        sources);
  }

  public boolean isCombined() {
    return !sources.isEmpty();
  }

  /** The single sources: this corpus alone, or the combined ones. */
  public List<Corpus> parts() {
    return isCombined() ? sources : List.of(this);
  }

  /** Where it was read from, for people: the path, or the sources' paths joined by " + ". */
  public String location() {
    return isCombined()
        ? sources.stream().map(c -> c.path().toString()).collect(Collectors.joining(" + "))
        : String.valueOf(path);
  }
}

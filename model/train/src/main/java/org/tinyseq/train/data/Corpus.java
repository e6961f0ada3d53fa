package org.tinyseq.train.data;

import java.nio.file.Path;
import java.util.List;

/**
 * A corpus as read from disk, before normalisation.
 *
 * @param name short name: the file name without extension, or the folder name
 * @param path where it was read from
 * @param sha256 lower-case hex SHA-256 of the file, or of the concatenated files of a folder in
 *     reading order (see {@link CorpusLoader})
 * @param pairs the pairs in file order
 * @param skipped malformed lines or entries skipped under {@link MalformedPolicy#SKIP}
 */
public record Corpus(String name, Path path, String sha256, List<TextPair> pairs, int skipped) {
  public Corpus {
    pairs = List.copyOf(pairs);
  }
}

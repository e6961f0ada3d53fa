package org.tinyseq.train.data;

/** What a reader does with a malformed line or entry. */
public enum MalformedPolicy {
  /** Log a warning naming file and line (or entry), count it in {@link Corpus#skipped()}. */
  SKIP,
  /** Stop with a {@link MalformedDataException} naming file and line (or entry). */
  FAIL
}

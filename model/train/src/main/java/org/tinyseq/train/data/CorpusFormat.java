package org.tinyseq.train.data;

/** The corpus formats {@link CorpusLoader} reads. */
public enum CorpusFormat {
  /**
   * Guess: a folder or a {@code .yml}/{@code .yaml} file is CHAT, a file starting with the header
   * {@code conversation<TAB>topic<TAB>turn<TAB>text} is DIALOGUE, 3+ tab columns CMN, else TSV.
   */
  AUTO,
  /** Tatoeba / manythings.org: {@code English<TAB>Chinese<TAB>attribution}. */
  CMN,
  /** Plain {@code source<TAB>target}. */
  TSV,
  /** chatterbot-corpus YAML; a folder is read recursively. */
  CHAT,
  /**
   * One turn a line under the header {@code conversation<TAB>topic<TAB>turn<TAB>text}; consecutive
   * turns of a conversation make pairs (the Self-dialogue corpus).
   */
  DIALOGUE
}

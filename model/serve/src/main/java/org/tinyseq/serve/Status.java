package org.tinyseq.serve;

/** The outcome of one request. Only {@link #OK} carries a decoded text. */
public enum Status {
  /** Decoded (or served from the cache). */
  OK,
  /** Nothing left after normalisation. */
  EMPTY_INPUT,
  /** Longer than the configured limit or the model's source limit; never silently truncated. */
  TOO_LONG,
  /**
   * Contains control characters other than ordinary whitespace (tab, line feed, return), or a lone
   * surrogate.
   */
  INVALID_INPUT,
  /**
   * Not in the model's source language: an English-to-Chinese request whose letters are mostly of
   * another script than Latin; the model only knows English sources ({@link TranslateRoute} sends
   * Chinese to the other direction before it gets here).
   */
  NOT_ENGLISH,
  /** A Chinese-to-English request without a Chinese character: nothing to translate. */
  NOT_CHINESE,
  /** The decode queue is full; answered at once, try again later. */
  BUSY,
  /** No answer within the configured request timeout. */
  TIMEOUT,
  /** No model of that kind is loaded. */
  UNAVAILABLE,
  /** An unexpected failure; details are logged, the reply holds a short message. */
  ERROR
}

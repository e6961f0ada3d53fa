package org.tinyseq.serve;

/** What produced an answer that was not already in the result cache. */
public enum AnswerSource {
  /** The bundle's example memory: a training source close enough to the request. */
  MEMORY,
  /** The model's decoder. */
  DECODER,
  /** The chat path's ranking chose a human reply from the bundle's retrieval pool. */
  RETRIEVED,
  /** The chat path's ranking chose one of the decoder's N best. */
  GENERATED
}

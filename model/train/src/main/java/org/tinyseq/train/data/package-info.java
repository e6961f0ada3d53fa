/**
 * Corpora and their preparation for training and evaluation, in plain Java (no DL4J): readers for
 * the cmn-eng, chatterbot-corpus YAML and plain TSV formats ({@link
 * org.tinyseq.train.data.CorpusLoader}), normalisation with optional Traditional-to-Simplified
 * conversion, length filters, the seeded train / validation split grouped by source sentence
 * ({@link org.tinyseq.train.data.DataPipeline}) and vocabularies ({@link
 * org.tinyseq.train.data.VocabularyBuilder}). See docs/data-and-evaluation.md.
 */
package org.tinyseq.train.data;

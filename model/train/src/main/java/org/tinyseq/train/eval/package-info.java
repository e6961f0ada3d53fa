/**
 * Evaluation of translations against references: corpus BLEU-4 ({@link
 * org.tinyseq.train.eval.Bleu}, character-level for Chinese), chrF2 ({@link
 * org.tinyseq.train.eval.ChrF}) and exact match, gathered in an {@link
 * org.tinyseq.train.eval.EvaluationReport}; and the translation-memory baseline ({@link
 * org.tinyseq.train.eval.TranslationMemory}). Definitions: docs/data-and-evaluation.md.
 */
package org.tinyseq.train.eval;

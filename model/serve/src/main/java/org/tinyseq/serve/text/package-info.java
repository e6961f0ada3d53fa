/**
 * Text before it meets a model, shared by training and serving so both see the same ids:
 * normalisation ({@link org.tinyseq.serve.text.TextNormalizer}), source tokenisation ({@link
 * org.tinyseq.serve.text.Tokenizer}) and vocabularies with reserved pad, start, end and unknown
 * entries ({@link org.tinyseq.serve.text.Vocabulary}).
 */
package org.tinyseq.serve.text;

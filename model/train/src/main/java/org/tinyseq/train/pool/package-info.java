/**
 * The reply pool of a chat bundle from the corpora: which pairs go in ({@link
 * org.tinyseq.train.pool.PoolPairs}: all, or the training side of a model's split), how they are
 * stored ({@link org.tinyseq.train.pool.PoolDialogues}: consecutive pairs of a conversation become
 * one dialogue line), writing a chat bundle of format version 3 with a pool and a reverse model
 * ({@link org.tinyseq.train.pool.ChatBundles}) and measuring retrieval ({@link
 * org.tinyseq.train.pool.RetrievalBenchmark}).
 */
package org.tinyseq.train.pool;

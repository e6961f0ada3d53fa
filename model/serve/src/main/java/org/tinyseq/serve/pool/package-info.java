/**
 * The reply pool of a chat bundle: every message-reply pair of the chat corpora, for retrieving
 * human replies to messages like the asked one. {@link org.tinyseq.serve.pool.PoolFile} reads and
 * writes {@code pool.tsv.xz} strictly (untrusted input; each dialogue's turns once); {@link
 * org.tinyseq.serve.pool.ReplyPool} is the verified part of a bundle; {@link
 * org.tinyseq.serve.pool.PoolIndexes} builds its Lucene index once into an on-disk cache (one
 * folder per pool checksum) and opens it memory-mapped; {@link
 * org.tinyseq.serve.pool.LuceneReplyRetriever} answers {@link
 * org.tinyseq.serve.chat.ReplyRetriever#top} with BM25 over the messages' words.
 */
package org.tinyseq.serve.pool;

/**
 * How a command's answer is produced once the service has checked the input and missed the cache:
 * {@link org.tinyseq.serve.answer.AnswerPath} and the translate path, {@link
 * org.tinyseq.serve.answer.MemoryThenDecoder} (the example memory, else the decoder), which is also
 * the chat path's fallback for bundles without a retrieval pool and with {@code MEMORY=off}. The
 * ranked chat path lives in {@link org.tinyseq.serve.chat}.
 */
package org.tinyseq.serve.answer;

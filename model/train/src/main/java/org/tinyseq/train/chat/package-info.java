/**
 * Evaluation and tuning of the chat answer path ({@code model.jar chat-eval}): candidates and both
 * directions' scores per validation message ({@link org.tinyseq.train.chat.MessageCandidates}), the
 * figures of a set of replies ({@link org.tinyseq.train.chat.ReplyFigures}), hits@1 of 20 ({@link
 * org.tinyseq.train.chat.HitsAtOne}), the choice of λ, k, N and the short-reply penalty on a tuning
 * sample ({@link org.tinyseq.train.chat.RankingTuner}), and a new bundle version that records the
 * choice ({@link org.tinyseq.train.chat.RankingBundles}).
 */
package org.tinyseq.train.chat;

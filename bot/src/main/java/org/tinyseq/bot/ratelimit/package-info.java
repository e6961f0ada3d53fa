/**
 * Per-user and per-guild request limits (Bucket4j token buckets), shared by Discord and the
 * console.
 */
package org.tinyseq.bot.ratelimit;

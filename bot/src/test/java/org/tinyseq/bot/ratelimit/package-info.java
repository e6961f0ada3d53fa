/** Tests of the rate limits. */
package org.tinyseq.bot.ratelimit;

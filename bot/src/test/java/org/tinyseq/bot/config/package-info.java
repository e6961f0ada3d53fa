/** Tests of the configuration layers. */
package org.tinyseq.bot.config;

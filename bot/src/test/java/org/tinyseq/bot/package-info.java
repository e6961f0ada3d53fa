/** Tests of the entry point. */
package org.tinyseq.bot;

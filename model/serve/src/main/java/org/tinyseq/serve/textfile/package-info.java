/**
 * Strict reading of the compressed text parts of a bundle ({@code memory.tsv.gz}, {@code
 * pool.tsv.xz}): a bound on the decompressed bytes (a decompression bomb stops there), strict UTF-8
 * (malformed bytes are an error, never replaced) and lines of bounded length that must end in
 * {@code \n}. The formats themselves (headers, fields) are their readers' business.
 */
package org.tinyseq.serve.textfile;

/**
 * The {@code model.jar} command line ({@link org.tinyseq.train.cli.ModelCli}, picocli): {@code
 * translate}, {@code eval}, {@code baseline} and the training commands. Errors reach the user as
 * one line on standard error with exit code 2, never as a stack trace.
 */
package org.tinyseq.train.cli;

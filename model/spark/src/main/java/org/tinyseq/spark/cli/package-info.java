/** The {@code model-spark.jar} command line: {@code train} on Spark with model.jar's options. */
package org.tinyseq.spark.cli;

/** Reading training data from any location Spark's Hadoop file systems read. */
package org.tinyseq.spark.data;

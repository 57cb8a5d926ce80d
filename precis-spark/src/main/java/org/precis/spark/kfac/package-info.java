/**
 * K-FAC under Spark parameter averaging. Call order of one averaging round:
 * <ol>
 *   <li>driver: {@link org.precis.spark.kfac.KFacTrainingMaster} averages the curvature the workers sent back after
 *       the previous round and broadcasts it with the parameters;</li>
 *   <li>each worker, before its first minibatch: {@link org.precis.spark.kfac.KFacWorkerHook} attaches K-FAC to the
 *       worker's fresh network and restores the broadcast curvature into it;</li>
 *   <li>each worker trains its share of the round with K-FAC as on one machine;</li>
 *   <li>when the worker's task completes, the hook adds the worker's curvature to a Spark accumulator
 *       ({@link org.precis.spark.kfac.CurvatureAccumulator}); parameters and updater state are averaged by DL4J.</li>
 * </ol>
 */
package org.precis.spark.kfac;

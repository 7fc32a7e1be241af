/**
 * Update rules: gradient descent and SGD with weight decay and learning-rate schedules, LMZ20's truncated GD,
 * AS21's conic particle GD.
 */
package org.relulab.training.optim;

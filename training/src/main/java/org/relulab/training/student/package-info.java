/**
 * The learners: TwoLayerStudent (LMZ20, ZYWG19, AS21) with its output layers and initializations (ZYWG19's
 * TensorInitialization among them), ALL19's ReluNetworkStudent and its linearization LinearizedNetwork.
 */
package org.relulab.training.student;

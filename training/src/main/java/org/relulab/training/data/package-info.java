/**
 * The data sets of a run: inputs drawn from a distribution and labelled by the teacher, or loaded from .npy files.
 */
package org.relulab.training.data;

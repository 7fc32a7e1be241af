/**
 * Small dense linear algebra in double on the heap: linear systems, symmetric eigendecomposition, random
 * orthogonal matrices.
 */
package org.relulab.training.linalg;

/**
 * Files: NumPy .npy arrays read and written without any code loaded from them, atomic checkpoints with a CRC, a
 * small JSON reader.
 */
package org.relulab.training.io;

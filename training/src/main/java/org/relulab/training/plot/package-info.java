/**
 * SVG line plots of metrics against the step or the size, written without dependencies.
 */
package org.relulab.training.plot;

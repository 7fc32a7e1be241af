/**
 * The papers' teachers (target functions): AbsTeacher (LMZ20), ReluTeacher (ZYWG19), SignedReluTeacher (AS21),
 * ALL19's Fig. 1 target and its two- and three-layer concept classes.
 */
package org.relulab.training.teacher;

package org.relulab.training.config;

/**
 * The teacher of a run.
 *
 * @param kind        which teacher ({@code --teacher})
 * @param neurons     K, neurons of the relu and signed-relu teachers ({@code --teacher-neurons}; the abs teacher has d)
 * @param kappa       condition number of the relu teacher, spread of the abs teacher's a_i (1: a_i = 1/d), ratio of the
 *                    largest to the smallest |a°_j| of the signed-relu teacher
 * @param noise       label noise ν of the relu and signed-relu teachers
 * @param cosine      ρ, the pairwise cosine of the signed-relu teacher's unit directions (0: orthonormal)
 * @param orthogonal  abs teacher with a random orthogonal W* instead of the identity
 * @param terms       p, the terms of ALL19's concept-class teachers
 */
public record TeacherConfig(TeacherKind kind, int neurons, double kappa, double noise, double cosine,
        boolean orthogonal, int terms) {
    public TeacherConfig {
        RunOption.TEACHER.require(kind);
        RunOption.TEACHER_NEURONS.check(neurons);
        RunOption.KAPPA.check(kappa);
        RunOption.NOISE.check(noise);
        RunOption.TEACHER_COSINE.check(cosine);
        RunOption.TERMS.check(terms);
    }
}

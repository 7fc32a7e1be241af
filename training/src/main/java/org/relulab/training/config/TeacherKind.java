package org.relulab.training.config;

import org.relulab.core.Workspace;
import org.relulab.training.teacher.AbsTeacher;
import org.relulab.training.teacher.All19Fig1Teacher;
import org.relulab.training.teacher.ReluTeacher;
import org.relulab.training.teacher.SignedReluTeacher;
import org.relulab.training.teacher.Teacher;
import org.relulab.training.teacher.ThreeLayerConceptTeacher;
import org.relulab.training.teacher.TwoLayerConceptTeacher;

/** The teachers a run can learn ({@code --teacher}), each building itself from a run's configuration. */
public enum TeacherKind implements Keyed {
    /** LMZ20: f*(x) = Σ_i a_i |w*_iᵀx|. */
    ABS("abs") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            TeacherConfig t = c.teacher();
            return new AbsTeacher(ws, c.data().d(), t.orthogonal(), t.kappa(), c.seed());
        }
    },
    /** ZYWG19: f*(x) = Σ_j ReLU(w*_jᵀx) + noise. */
    RELU("relu") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            TeacherConfig t = c.teacher();
            return new ReluTeacher(ws, c.data().d(), t.neurons(), t.kappa(), t.noise(), c.seed());
        }
    },
    /** AS21: f*(x) = Σ_j a°_j ReLU(w*_jᵀx) + noise, unit w*_j with pairwise cosine ρ, signs alternating. */
    SIGNED_RELU("signed-relu") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            TeacherConfig t = c.teacher();
            return new SignedReluTeacher(ws, c.data().d(), t.neurons(), t.kappa(), t.cosine(), t.noise(), c.seed());
        }
    },
    /** ALL19's Fig. 1 target on x ∈ ℝ⁴. */
    FIG1("fig1") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            return new All19Fig1Teacher(ws);
        }
    },
    /** ALL19's smooth two-layer concept class, a random instance with p terms. */
    CONCEPT2("concept2") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            return TwoLayerConceptTeacher.random(ws, c.data().d(), c.teacher().terms(), c.seed());
        }
    },
    /** ALL19's smooth three-layer concept class, a random instance with p terms. */
    CONCEPT3("concept3") {
        @Override
        public Teacher create(Workspace ws, RunConfig c) {
            return ThreeLayerConceptTeacher.random(ws, c.data().d(), c.teacher().terms(), c.seed());
        }
    };

    private final String key;

    TeacherKind(String key) {
        this.key = key;
    }

    /** The teacher of this kind that {@code c} describes; its random parts come from the run's seed. */
    public abstract Teacher create(Workspace ws, RunConfig c);

    @Override
    public String key() {
        return key;
    }

    /** ALL19's targets, whose inputs lie on the unit sphere by default. */
    public boolean all19() {
        return this == FIG1 || this == CONCEPT2 || this == CONCEPT3;
    }

    /** Teachers with K = {@code --teacher-neurons} neurons. */
    public boolean hasNeurons() {
        return this == RELU || this == SIGNED_RELU;
    }
}

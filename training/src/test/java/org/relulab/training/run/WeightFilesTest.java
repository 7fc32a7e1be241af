package org.relulab.training.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.training.config.NetworkKind;
import org.relulab.training.config.OptimizerKind;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.TeacherKind;
import org.relulab.training.data.DataSource;
import org.relulab.training.io.Npy;
import org.relulab.training.io.NpyException;
import org.relulab.training.io.WeightFile;
import org.relulab.training.student.OutputLayer;

/**
 * The .npy files of every kind of run: the same names for every network ({@link WeightFile}), vectors 1-D, no file
 * for a part a network or a teacher does not have; older names and 1 × n vectors still read.
 */
class WeightFilesTest {
    @TempDir
    Path tmp;

    /** The .npy files in {@code dir}, name → shape. */
    private static Map<String, String> npyShapes(Path dir) throws IOException {
        Map<String, String> shapes = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".npy")).toList())
                shapes.put(p.getFileName().toString(), Arrays.toString(Npy.shape(p)));
        }
        return shapes;
    }

    private Map<String, String> run(String name, RunConfig.Builder b, DataSource data) throws IOException {
        RunConfig c = b.n(200).testN(50).steps(4).threads(1).out(tmp.resolve(name)).build();
        Trainer.run(c, new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8),
                org.relulab.core.Provider.lookup(), data);
        return npyShapes(c.out());
    }

    private Map<String, String> run(String name, RunConfig.Builder b) throws IOException {
        return run(name, b, DataSource.GENERATED);
    }

    @Test
    void everyNetworkSavesItsPartsUnderTheSameNames() throws IOException {
        assertEquals(Map.of("student_layer1_weight.npy", "[8, 6]", "student_output_weight.npy", "[8]",
                "teacher_layer1_weight.npy", "[3, 6]", "teacher_output_weight.npy", "[3]"),
                run("as21", RunConfig.defaults().teacher(TeacherKind.SIGNED_RELU).d(6).teacherNeurons(3).m(8)
                        .optimizer(OptimizerKind.AS21).output(OutputLayer.MEAN)));
        assertEquals(Map.of("student_layer1_weight.npy", "[8, 6]", "teacher_layer1_weight.npy", "[3, 6]"),
                run("zywg19", RunConfig.defaults().teacher(TeacherKind.RELU).d(6).teacherNeurons(3).m(8)
                        .output(OutputLayer.ONES)),
                "a fixed output layer and the relu teacher's all-one output weights are no parameters: no files");
        assertEquals(Map.of("student_layer1_weight.npy", "[8, 4]", "student_layer1_bias.npy", "[8]",
                "student_layer2_weight.npy", "[5, 8]", "student_layer2_bias.npy", "[5]",
                "student_output_weight.npy", "[5]"),
                run("all19-3", RunConfig.defaults().teacher(TeacherKind.FIG1).network(NetworkKind.ALL19_3).m(8).m2(5)),
                "the Fig. 1 target has no neurons: no teacher file");
        assertEquals(Map.of("student_layer1_weight.npy", "[8, 4]", "student_layer1_bias.npy", "[8]",
                "student_output_weight.npy", "[8]"),
                run("ntk-2", RunConfig.defaults().teacher(TeacherKind.FIG1).network(NetworkKind.NTK_2).m(8)));
    }

    @Test
    void savedDataHasOneDimensionalLabelsAndLoadsBack() throws IOException {
        run("saved", RunConfig.defaults().d(5).m(4), new DataSource(null, true));
        Map<String, String> data = npyShapes(tmp.resolve("saved"));
        assertEquals("[200]", data.get("y_train.npy"));
        assertEquals("[50]", data.get("y_test.npy"));
        assertEquals("[200, 5]", data.get("x_train.npy"));
        Map<String, String> loaded = run("loaded", RunConfig.defaults().d(5).m(4),
                new DataSource(tmp.resolve("saved"), false));
        assertEquals(Set.of("student_layer1_weight.npy", "teacher_layer1_weight.npy", "teacher_output_weight.npy"),
                loaded.keySet());
    }

    @Test
    void olderNamesAndRowVectorsStillRead() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("old"));
        Npy.writeDouble(dir.resolve("teacher_a.npy"), new double[][] {{1, -2, 3}});
        Npy.writeDouble(dir.resolve("student_w.npy"), new double[][] {{1, 2}, {3, 4}});
        assertArrayEquals(new double[] {1, -2, 3}, WeightFile.TEACHER_OUTPUT_WEIGHT.readVector(dir));
        assertEquals(2, WeightFile.STUDENT_LAYER1_WEIGHT.readRows(dir).length);
        assertNull(WeightFile.STUDENT_OUTPUT_WEIGHT.find(dir));
        NpyException e = assertThrows(NpyException.class, () -> WeightFile.STUDENT_OUTPUT_WEIGHT.readVector(dir));
        assertTrue(e.getMessage().contains("student_output_weight.npy: no such file (nor student_a.npy"),
                e.getMessage());
        assertThrows(NpyException.class, () -> WeightFile.STUDENT_LAYER1_WEIGHT.readVector(dir), "2 rows");
        String names = Arrays.stream(WeightFile.values()).map(WeightFile::file).collect(Collectors.joining(" "));
        for (WeightFile w : WeightFile.values())
            assertEquals(w.vector(), w.file().contains("bias") || w.file().contains("output"), names);
    }
}

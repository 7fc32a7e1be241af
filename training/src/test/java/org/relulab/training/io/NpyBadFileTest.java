package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.relulab.core.Workspace;

/**
 * A corpus of bad files, one per mistake: each fails with exactly its one-line message naming the file,
 * the bad value and what was expected, from {@link Npy#read} and {@link Npy#readMatrix} alike. readMatrix
 * is handed a closed workspace, so a reader that allocated the matrix before finishing its checks would
 * throw IllegalStateException instead.
 */
class NpyBadFileTest {
    @TempDir
    Path tmp;

    private record Case(String name, byte[] bytes, String message) {}

    private static final String PARSE = "header is not a valid Python dict literal: ";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A parse error in a short header, shown whole in the message. */
    private static Case parse(String text, String reason, int at) {
        return new Case(reason, FileBytes.raw(1, 0, text),
                PARSE + reason + " at character " + at + " of " + text.replace("\n", "\\n").replace("\u00e9", "\\xe9"));
    }

    private static Case header(String name, String dict, byte[] data, String message) {
        return new Case(name, FileBytes.npy(dict, data), message);
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        byte[] numpy = NpyGoldenTest.numpyArange2x3();
        byte[] zeros6 = FileBytes.f4(0, 0, 0, 0, 0, 0);

        // The preamble
        c.add(new Case("empty", new byte[0], "not a .npy file (it is empty)"));
        c.add(new Case("text", ascii("hello, world\n"),
                "not a .npy file (magic bytes 68 65 6c 6c 6f 2c, expected 93 4e 55 4d 50 59 = \\x93NUMPY)"));
        c.add(new Case("two bytes", ascii("ab"),
                "not a .npy file (magic bytes 61 62, expected 93 4e 55 4d 50 59 = \\x93NUMPY)"));
        c.add(new Case("npz", ascii("PK\u0003\u0004\u0014\u0000\u0000\u0000"),
                "not a .npy file but a zip archive, perhaps an .npz"
                        + " (magic bytes 50 4b 03 04 14 00, expected 93 4e 55 4d 50 59 = \\x93NUMPY): np.save one of "
                        + "its arrays"));
        c.add(new Case("part of the magic", Arrays.copyOf(numpy, 4),
                "truncated: 4 bytes, shorter than the 10-byte NPY preamble"));
        c.add(new Case("magic only", Arrays.copyOf(numpy, 6),
                "truncated: 6 bytes, shorter than the 10-byte NPY preamble"));
        c.add(new Case("no header length", Arrays.copyOf(numpy, 9),
                "truncated: 9 bytes, shorter than the 10-byte NPY 1.0 preamble"));
        c.add(new Case("2.0 preamble cut", Arrays.copyOf(FileBytes.raw(2, 0, "{}"), 10),
                "truncated: 10 bytes, shorter than the 12-byte NPY 2.0 preamble"));
        c.add(new Case("version 4.0", FileBytes.raw(4, 0, "{}"),
                "NPY format version 4.0 is not supported (expected 1.0, 2.0 or 3.0)"));
        c.add(new Case("version 1.1", FileBytes.raw(1, 1, "{}"),
                "NPY format version 1.1 is not supported (expected 1.0, 2.0 or 3.0)"));
        c.add(new Case("header cut", Arrays.copyOf(numpy, 60),
                "truncated: the preamble declares a 118-byte header but the file has 50 bytes after the 10-byte "
                        + "preamble"));
        byte[] huge = Arrays.copyOf(FileBytes.raw(2, 0, ""), 40);
        huge[8] = huge[9] = huge[10] = huge[11] = (byte) 0xff;
        c.add(new Case("header length 2^32 - 1", huge,
                "header length 4294967295 is too long (expected at most 1048576 bytes)"));

        // The dict's syntax
        c.add(parse("[1, 2]\n", "expected '{' but found '['", 0));
        c.add(parse("{'descr' '<f4'}\n", "expected ':' but found \"'\"", 9));
        c.add(parse("{'a': 1} x\n", "unexpected 'x' after the closing '}'", 9));
        c.add(parse("{'a': 1\n", "expected ',' or '}' but found the end of the header", 8));
        c.add(parse("{'a': (1 2)}\n", "expected ',' or ')' but found '2'", 9));
        c.add(parse("{'a': 2.5}\n", "number 2.5 is not a plain integer", 6));
        c.add(parse("{'a': 2L}\n", "number 2L is not a plain integer", 6));
        c.add(parse("{'a': 007}\n", "integer 007 has a leading zero", 6));
        c.add(parse("{'a': -}\n", "expected a digit after '-' but found '}'", 7));
        c.add(parse("{'a': x}\n", "unknown name x", 6));
        c.add(parse("{'a': u'x'}\n", "string prefix u is not supported", 6));
        c.add(parse("{'a': 1, 'a': 2}\n", "key 'a' appears twice", 9));
        c.add(parse("{1: 2}\n", "dict key 1 is not a string", 1));
        c.add(parse("{'a': {}}\n", "a nested dict is not an NPY header value", 6));
        c.add(parse("{'a': 'x\\n'}\n", "a backslash before 'n' (only \\\\, \\' and \\\" are supported)", 9));
        c.add(parse("{'a': '\u00e9'}\n", "unexpected byte 0xe9 in a string", 7));
        c.add(parse("{'a': 'x}\n", "string not closed", 6));
        c.add(parse("{'a': ,}\n", "expected a value but found ','", 6));
        // 69 characters, cut 40 after the error
        String deep = "{'a': " + "(".repeat(20) + "1" + ",)".repeat(20) + "}\n";
        c.add(new Case("nested 20 deep", FileBytes.raw(1, 0, deep),
                PARSE + "tuples or lists nested deeper than 8 levels at character 14 of "
                        + deep.substring(0, 54) + "..."));

        // The dict's keys and values
        c.add(header("no fortran_order", "{'descr': '<f4', 'shape': (2, 3), }", zeros6,
                "header has no 'fortran_order' key (expected 'descr', 'fortran_order' and 'shape')"));
        c.add(header("extra key", "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'foo': 1}", zeros6,
                "header key 'foo' is not an NPY key (expected only 'descr', 'fortran_order' and 'shape')"));
        c.add(header("big-endian", FileBytes.dict(">f4", "(2, 3)"), zeros6,
                "dtype '>f4' is not supported (expected '<f4' or '<f8')"));
        c.add(header("int64", FileBytes.dict("<i8", "(2, 3)"), zeros6,
                "dtype '<i8' is not supported (expected '<f4' or '<f8')"));
        c.add(header("structured", "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2, 3), }", zeros6,
                "dtype [('a', '<f4')] is not supported (expected '<f4' or '<f8')"));
        c.add(header("fortran", "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", zeros6,
                "fortran_order True (expected C order: save with np.ascontiguousarray)"));
        c.add(header("fortran_order 1", "{'descr': '<f4', 'fortran_order': 1, 'shape': (2, 3), }", zeros6,
                "fortran_order 1 is not True or False"));
        c.add(header("3-D", FileBytes.dict("<f4", "(3, 4, 5)"), new byte[240],
                "shape (3, 4, 5) has 3 dimensions (expected 1 or 2)"));
        c.add(header("0-D", FileBytes.dict("<f4", "()"), new byte[4],
                "shape () has 0 dimensions, a single scalar (expected 1 or 2: save np.atleast_1d(x))"));
        String notTuple = " is not a tuple of integers (expected e.g. (100, 31) or (100,))";
        c.add(header("list shape", FileBytes.dict("<f4", "[2, 3]"), zeros6, "shape [2, 3]" + notTuple));
        c.add(header("(5) is 5", FileBytes.dict("<f4", "(5)"), new byte[20], "shape 5" + notTuple));
        c.add(header("bool dimension", FileBytes.dict("<f4", "(True, 3)"), zeros6, "shape (True, 3)" + notTuple));
        c.add(header("negative", FileBytes.dict("<f4", "(-1, 3)"), zeros6,
                "shape (-1, 3) has a negative dimension -1 (expected sizes >= 0)"));
        String big = "123456789012345678901234567890";
        c.add(header("negative bignum", FileBytes.dict("<f4", "(-" + big + ",)"), zeros6,
                "shape (-" + big + ",) has a negative dimension -" + big + " (expected sizes >= 0)"));
        c.add(header("absurd", FileBytes.dict("<f4", "(99999999999, 3)"), zeros6,
                "shape (99999999999, 3): dimension 99999999999 is absurd (expected at most 2147483647)"));
        c.add(header("absurd bignum", FileBytes.dict("<f4", "(3, " + big + ")"), zeros6,
                "shape (3, " + big + "): dimension " + big + " is absurd (expected at most 2147483647)"));
        c.add(header("2^31", FileBytes.dict("<f4", "(2147483648, 1)"), zeros6,
                "shape (2147483648, 1): dimension 2147483648 is absurd (expected at most 2147483647)"));

        // The data's size against the file's
        c.add(dataCase("truncated", "<f4", "(4096, 128)", 1000,
                "truncated: the header declares 4096 x 128 float32 (2097152 bytes of data)"));
        c.add(dataCase("truncated 1-D", "<f4", "(30,)", 8,
                "truncated: the header declares (30,) float32 (120 bytes of data)"));
        c.add(dataCase("80 GB declared", "<f8", "(100000, 100000)", 16,
                "truncated: the header declares 100000 x 100000 float64 (80000000000 bytes of data)"));
        BigInteger most = BigInteger.valueOf(Integer.MAX_VALUE).pow(2).shiftLeft(3);
        c.add(dataCase("2^65 bytes declared", "<f8", "(2147483647, 2147483647)", 0,
                "truncated: the header declares 2147483647 x 2147483647 float64 (" + most + " bytes of data)"));
        c.add(dataCase("extra bytes", "<f4", "(2, 3)", 48, "the header declares 2 x 3 float32 (24 bytes of data)"));
        return c;
    }

    /** A well-formed header followed by {@code bytes} bytes of data. */
    private static Case dataCase(String name, String descr, String shape, int bytes, String declares) {
        byte[] h = FileBytes.header(1, FileBytes.dict(descr, shape), 64);
        String has = " but the file has " + bytes + " after its " + h.length + "-byte header";
        String tooMany = name.equals("extra bytes") ? ": 24 bytes too many" : "";
        return new Case(name, FileBytes.concat(h, new byte[bytes]), declares + has + tooMany);
    }

    private static Workspace closedWorkspace() {
        Workspace ws = Workspace.confined();
        ws.close();
        return ws;
    }

    @TestFactory
    Stream<DynamicTest> eachBadFileFailsWithItsMessage() {
        return cases().stream().map(c -> dynamicTest(c.name(), () -> {
            Path f = tmp.resolve("x.npy");
            Files.write(f, c.bytes());
            String expected = f + ": " + c.message();
            assertEquals(expected, assertThrows(NpyException.class, () -> Npy.read(f)).getMessage());
            Workspace closed = closedWorkspace();
            assertEquals(expected,
                    assertThrows(NpyException.class, () -> Npy.readMatrix(closed, f, -1, -1)).getMessage());
        }));
    }

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
            .getThreadMXBean();

    /** A header declaring 8 MB over a 16-byte body fails before allocating anything near 8 MB. */
    @Test
    void checksTheSizeBeforeAllocating() throws Exception {
        Path f = tmp.resolve("x.npy");
        Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(1000, 1000)"), new byte[16]));
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) { // the first rounds load classes
            long before = THREADS.getCurrentThreadAllocatedBytes();
            assertThrows(NpyException.class, () -> Npy.read(f));
            least = Math.min(least, THREADS.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(least < 256 * 1024, "a failed read allocated " + least + " bytes");
    }

    /** An 8 GB sparse file holds the data it declares, but more elements than a Java array. */
    @Test
    void refusesMoreElementsThanAJavaArrayHolds() throws Exception {
        Path f = tmp.resolve("x.npy");
        byte[] h = FileBytes.header(1, FileBytes.dict("<f4", "(2147483640,)"), 64);
        try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
            raf.write(h);
            raf.setLength(h.length + 2147483640L * Float.BYTES); // sparse: no disk blocks
        }
        String expected = f
                + ": shape (2147483640,) has 2147483640 elements (expected at most 2147483639, the most one Java "
                + "array holds)";
        assertEquals(expected, assertThrows(NpyException.class, () -> Npy.read(f)).getMessage());
        assertEquals(expected,
                assertThrows(NpyException.class, () -> Npy.readMatrix(closedWorkspace(), f, -1, -1)).getMessage());
    }

    @Test
    void wrongShapeForTheCaller() throws Exception {
        Path f = tmp.resolve("x.npy");
        Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(100, 30)"), new byte[12000]));
        Workspace closed = closedWorkspace();
        assertEquals(f + ": shape 100 x 30 (expected 100 x 31)",
                assertThrows(NpyException.class, () -> Npy.readMatrix(closed, f, 100, 31)).getMessage());
        assertEquals(f + ": shape 100 x 30 (expected any x 31)",
                assertThrows(NpyException.class, () -> Npy.readMatrix(closed, f, -1, 31)).getMessage());
        Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(30,)"), new byte[120]));
        assertEquals(f + ": shape (30,) read as 1 x 30 (expected 2 x any)",
                assertThrows(NpyException.class, () -> Npy.readMatrix(closed, f, 2, -1)).getMessage());
        assertEquals(f + ": shape (30,) read as 30 x 1 (expected 29 x 1)",
                assertThrows(NpyException.class, () -> Npy.readMatrix(closed, f, 29, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Npy.readMatrix(closed, f, -2, 1));
    }

    /** An empty 0 x (2^31 - 1) array is a valid file, but no workspace matrix has such rows. */
    @Test
    void rowsTooLongForAWorkspace() throws Exception {
        Path f = tmp.resolve("x.npy");
        Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(0, 2147483647)"), new byte[0]));
        assertEquals(0, Npy.read(f).floats().length);
        assertEquals(
                f + ": shape 0 x 2147483647 has rows of 2147483647 elements (expected at most 2147483615 in a workspace"
                        + " matrix, whose rows are padded to 64 bytes)",
                assertThrows(NpyException.class, () -> Npy.readMatrix(closedWorkspace(), f, -1, -1)).getMessage());
    }

    @Test
    void float64BeyondFloat32() throws Exception {
        Path f = tmp.resolve("x.npy");
        try (Workspace ws = Workspace.confined()) {
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(1, 2)"), FileBytes.f8(1, 1e300)));
            assertEquals(
                    f + ": element (0, 1) = 1.0E300 is too large for float32 (expected magnitude at most 3.4028235E38)",
                    assertThrows(NpyException.class, () -> Npy.readMatrix(ws, f, -1, -1)).getMessage());
            assertEquals(1e300, Npy.read(f).doubles()[1], "read keeps the doubles");
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(2,)"), FileBytes.f8(1, -1e39)));
            assertEquals(
                    f + ": element [1] = -1.0E39 is too large for float32 (expected magnitude at most 3.4028235E38)",
                    assertThrows(NpyException.class, () -> Npy.readMatrix(ws, f, -1, -1)).getMessage());
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(3, 1)"), FileBytes.f8(1, 2, 3e38 * 2)));
            assertEquals(
                    f + ": element (2, 0) = 6.0E38 is too large for float32 (expected magnitude at most 3.4028235E38)",
                    assertThrows(NpyException.class, () -> Npy.readMatrix(ws, f, 3, 1)).getMessage());
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(3,)"),
                    FileBytes.f8(Double.NaN, Double.NEGATIVE_INFINITY, 1e-50)));
            float[] v = Npy.readMatrix(ws, f, -1, -1).toArray();
            assertTrue(Float.isNaN(v[0]) && v[1] == Float.NEGATIVE_INFINITY && v[2] == 0f,
                    "NaN, infinities and underflow are kept as float");
        }
    }

    @Test
    void missingFileAndFolder() {
        Path f = tmp.resolve("none.npy");
        assertEquals(f + ": no such file", assertThrows(NpyException.class, () -> Npy.read(f)).getMessage());
        assertEquals(tmp + ": is a folder (expected a .npy file)",
                assertThrows(NpyException.class, () -> Npy.read(tmp)).getMessage());
    }

    @Test
    void aFolderAFifoOrADeviceIsRefusedBeforeItIsOpened() throws Exception {
        Path device = Files.createSymbolicLink(tmp.resolve("zero.npy"), Path.of("/dev/zero"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(device), "no /dev/zero here");
        String notRegular = ": is not a regular file (a FIFO, a socket or a device; expected a .npy file)";
        assertEquals(device + notRegular, assertThrows(NpyException.class, () -> Npy.read(device)).getMessage());
        assertEquals(device + notRegular,
                assertThrows(NpyException.class, () -> Npy.shape(device)).getMessage());
        Path fifo = tmp.resolve("fifo.npy");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "no mkfifo here");
        // Opening a FIFO for reading blocks until a writer comes: a reader that opened it first would hang here.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            try (Workspace ws = Workspace.confined()) {
                assertEquals(fifo + notRegular,
                        assertThrows(NpyException.class, () -> Npy.readMatrix(ws, fifo, -1, -1)).getMessage());
            }
        });
    }

    @Test
    void finiteMatrixNamesTheRowAndColumnOfANaNOrAnInfinity() throws Exception {
        Path f = tmp.resolve("x.npy");
        try (Workspace ws = Workspace.confined()) {
            Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(2, 3)"), FileBytes.f4(1, 2, 3, 4, 5, Float.NaN)));
            assertEquals(f + ": row 1, column 2 is NaN (expected finite numbers)",
                    assertThrows(NpyException.class, () -> Npy.readFiniteMatrix(ws, f, 2, 3)).getMessage());
            assertTrue(Float.isNaN(Npy.readMatrix(ws, f, 2, 3).get(1, 2)), "readMatrix keeps NaN");
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(4,)"),
                    FileBytes.f8(1, 2, Double.POSITIVE_INFINITY, 4)));
            assertEquals(f + ": element 2 is Infinity (expected finite numbers)",
                    assertThrows(NpyException.class, () -> Npy.readFiniteMatrix(ws, f, 4, 1)).getMessage());
            Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(3, 1)"),
                    FileBytes.f4(1, Float.NEGATIVE_INFINITY, Float.NaN)));
            assertEquals(f + ": row 1, column 0 is -Infinity (expected finite numbers)",
                    assertThrows(NpyException.class, () -> Npy.readFiniteMatrix(ws, f, 3, 1)).getMessage());
            Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(2, 2)"), FileBytes.f8(1, -2.5, 3e38, -1e-50)));
            assertTrue(
                    Arrays.equals(Npy.readMatrix(ws, f, 2, 2).toArray(), Npy.readFiniteMatrix(ws, f, 2, 2).toArray()),
                    "finite data load as readMatrix loads them");
        }
    }

    @Test
    void shapeReadsTheHeaderAndChecksTheSize() throws Exception {
        Path f = tmp.resolve("x.npy");
        Files.write(f, FileBytes.npy(FileBytes.dict("<f4", "(2, 3)"), FileBytes.f4(1, 2, 3, 4, 5, 6)));
        assertTrue(Arrays.equals(new int[] {2, 3}, Npy.shape(f)));
        Files.write(f, FileBytes.npy(FileBytes.dict("<f8", "(5,)"), FileBytes.f8(1, 2, 3, 4)));
        assertTrue(assertThrows(NpyException.class, () -> Npy.shape(f)).getMessage().contains("truncated"));
    }
}

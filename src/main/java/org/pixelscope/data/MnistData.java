package org.pixelscope.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The MNIST digits (LeCun et al. 1998) as shipped in {@code assets/mnist}: the four IDX files
 * under their standard names, gzipped or raw.
 *
 * <p>Split: {@link #train()} is the first {@code count - 5000} training images (55,000),
 * {@link #validation()} the last {@value #VALIDATION_SIZE}, {@link #test()} the 10,000 test
 * images. Train label {@code i} is {@code trainLabels[i]}, validation label {@code i} is
 * {@code trainLabels[train().count() + i]}. Label arrays are shared: treat them as read-only.
 *
 * <p>Thread: any; {@link #load} does blocking file I/O, so never on the FX thread.
 *
 * @param trainAll    all 60,000 training images, named {@code "train"}
 * @param trainLabels one digit 0..9 per training image
 * @param test        the 10,000 test images, named {@code "test"}
 * @param testLabels  one digit per test image
 * <p>A folder of pictures ({@link ImageFolder}) loads into the same shape: every picture is both
 * the training pool and the test set ({@code eval} uses every image), and every tenth picture
 * ({@value #FOLDER_VALIDATION_PERCENT}%, so every label is represented) is held out for validation.
 *
 * @param source         the folder the files came from
 * @param validationSize images held out at the end of {@code trainAll} for validation
 */
public record MnistData(
        ImageSet trainAll, byte[] trainLabels, ImageSet test, byte[] testLabels, Path source, int validationSize) {

    /** Held-out tail of the training set: the 55,000/5,000 split of TensorFlow's MNIST reader. */
    public static final int VALIDATION_SIZE = 5000;

    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /** Image side of MNIST and of every picture folder PixelScope reads. */
    public static final int SIDE = 28;

    /** Share of a picture folder held out for validation, in percent. */
    public static final int FOLDER_VALIDATION_PERCENT = 10;

    public MnistData {
        Objects.requireNonNull(trainAll, "trainAll");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(source, "source");
        if (trainLabels.length != trainAll.count() || testLabels.length != test.count()) {
            throw new IllegalArgumentException("one label per image needed: train "
                    + trainLabels.length + "/" + trainAll.count() + ", test "
                    + testLabels.length + "/" + test.count());
        }
    }

    /**
     * Loads the four MNIST files from {@code dir}, preferring {@code name.gz} over {@code name};
     * a folder without them that holds pictures is read with {@link ImageFolder} as 28x28 images.
     *
     * @throws IdxFormatException if a file is missing (naming all missing ones and the folder),
     *                            damaged, or has a different count than its partner
     */
    public static MnistData load(Path dir) throws IOException {
        return open(dir).data();
    }

    /**
     * What {@link #open} read: the data, and for a picture folder its label names (sub-folders,
     * empty when unlabelled) and the files it skipped with the reason, for a preview to show.
     */
    public record Opened(MnistData data, boolean pictures, List<String> labelNames, List<String> skipped) {}

    /** As {@link #load}, keeping what a preview shows about a picture folder. */
    public static Opened open(Path dir) throws IOException {
        if (Files.isDirectory(dir) && !hasIdxFiles(dir) && ImageFolder.containsPictures(dir)) {
            ImageFolder.Result read = ImageFolder.read(dir, SIDE);
            return new Opened(fromFolder(dir, read), true, read.labelNames(), read.skipped());
        }
        return new Opened(loadIdx(dir), false, List.of(), List.of());
    }

    private static MnistData loadIdx(Path dir) throws IOException {
        List<String> missing = new ArrayList<>();
        Path trainImages = find(dir, TRAIN_IMAGES, missing);
        Path trainLabels = find(dir, TRAIN_LABELS, missing);
        Path testImages = find(dir, TEST_IMAGES, missing);
        Path testLabels = find(dir, TEST_LABELS, missing);
        if (!missing.isEmpty()) {
            throw new IdxFormatException(
                    dir,
                    "MNIST folder " + dir.toAbsolutePath().normalize()
                            + " lacks " + String.join(", ", missing)
                            + " (each may be gzipped, name.gz, or raw)");
        }
        ImageSet train = IdxFiles.readImages(trainImages).withName("train");
        byte[] trainY = IdxFiles.readLabels(trainLabels);
        checkCounts(train, trainImages, trainY, trainLabels);
        ImageSet test = IdxFiles.readImages(testImages).withName("test");
        byte[] testY = IdxFiles.readLabels(testLabels);
        checkCounts(test, testImages, testY, testLabels);
        if (test.rows() != train.rows() || test.cols() != train.cols()) {
            throw new IdxFormatException(
                    testImages,
                    String.format(
                            Locale.ROOT,
                            "%s has %dx%d images but %s has %dx%d",
                            testImages.getFileName(),
                            test.rows(),
                            test.cols(),
                            trainImages.getFileName(),
                            train.rows(),
                            train.cols()));
        }
        int n = train.count();
        return new MnistData(train, trainY, test, testY, dir, n > VALIDATION_SIZE ? VALIDATION_SIZE : n / 5);
    }

    /**
     * A picture folder as a data set: all pictures, in file order, are the test set; the training
     * pool is the same pictures with every tenth ({@value #FOLDER_VALIDATION_PERCENT}%, at least
     * one) moved to its end, where they validate.
     *
     * @throws ImageFileException when the folder has fewer than two usable pictures
     */
    public static MnistData fromFolder(Path dir, ImageFolder.Result read) throws ImageFileException {
        ImageSet all = read.images();
        if (all.count() < 2) {
            throw new ImageFileException(
                    dir,
                    dir + ": only " + all.count()
                            + " usable picture; training needs at least 2 (one is held out for validation)");
        }
        int held = Math.max(1, all.count() * FOLDER_VALIDATION_PERCENT / 100);
        // every k-th picture goes to the held-out tail, so a folder sorted by label (sub-folders)
        // validates on every label rather than on the last one only
        int n = all.count();
        int every = Math.max(1, n / held);
        int[] order = new int[n];
        int front = 0;
        int tail = n - held;
        int taken = 0;
        for (int i = 0; i < n; i++) {
            if (taken < held && i % every == every - 1) {
                order[tail++] = i;
                taken++;
            } else {
                order[front++] = i;
            }
        }
        int pixels = all.pixelsPerImage();
        byte[] shuffled = new byte[n * pixels];
        byte[] labels = new byte[n];
        for (int to = 0; to < n; to++) {
            System.arraycopy(all.pixels(), order[to] * pixels, shuffled, to * pixels, pixels);
            labels[to] = read.labels()[order[to]];
        }
        ImageSet pool = new ImageSet("train", n, all.rows(), all.cols(), shuffled);
        return new MnistData(pool, labels, all.withName("test"), read.labels(), dir, held);
    }

    private static boolean hasIdxFiles(Path dir) {
        for (String stem : List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS)) {
            if (Files.isRegularFile(dir.resolve(stem)) || Files.isRegularFile(dir.resolve(stem + ".gz"))) {
                return true;
            }
        }
        return false;
    }

    /** One line on the split, e.g. {@code train 55,000 · validation 5,000 · test 10,000}. */
    public String splitLine() {
        return String.format(
                Locale.ROOT,
                "train %,d · validation %,d · test %,d",
                trainAll.count() - validationSize,
                validationSize,
                test.count());
    }

    /** The file the training (and so the validation) images were read from. */
    public Path trainImagesFile() {
        return located(TRAIN_IMAGES);
    }

    /** The file the test images were read from. */
    public Path testImagesFile() {
        return located(TEST_IMAGES);
    }

    /** As {@link #load} chose it: {@code name.gz} if present, else {@code name}. */
    private Path located(String stem) {
        Path gz = source.resolve(stem + ".gz");
        return Files.isRegularFile(gz) ? gz : source.resolve(stem);
    }

    /** Where the shipped MNIST files live ({@code assets/mnist}, see {@link Assets}). */
    public static Path defaultDir() {
        return Assets.find("mnist");
    }

    /** The training images before the validation tail (55,000 for MNIST); copies, so keep it. */
    public ImageSet train() {
        return trainAll.slice(0, trainAll.count() - validationSize());
    }

    /** The last {@link #validationSize()} training images; copies, so keep it. */
    public ImageSet validation() {
        return trainAll.slice(trainAll.count() - validationSize(), trainAll.count());
    }

    /** The labels of {@link #train()}, in order; a copy. */
    public byte[] trainLabelsOnly() {
        return java.util.Arrays.copyOf(trainLabels, trainAll.count() - validationSize);
    }

    /** The labels of {@link #validation()}, in order; a copy. */
    public byte[] validationLabels() {
        return java.util.Arrays.copyOfRange(trainLabels, trainAll.count() - validationSize, trainAll.count());
    }

    private static Path find(Path dir, String stem, List<String> missing) {
        Path gz = dir.resolve(stem + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(stem);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        missing.add(stem + ".gz");
        return null;
    }

    private static void checkCounts(ImageSet images, Path imageFile, byte[] labels, Path labelFile)
            throws IdxFormatException {
        if (labels.length != images.count()) {
            throw new IdxFormatException(
                    labelFile,
                    String.format(
                            Locale.ROOT,
                            "%s has %,d labels but %s has %,d images",
                            labelFile.getFileName(),
                            labels.length,
                            imageFile.getFileName(),
                            images.count()));
        }
    }
}

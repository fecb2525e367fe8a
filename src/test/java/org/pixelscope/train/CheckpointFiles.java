package org.pixelscope.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.util.ModelSerializer;
import org.pixelscope.model.ModelSpecs;
import org.pixelscope.model.PixelModel;

/** Builds checkpoint files for tests: reads and rewrites entries, and writes the version-1 layout the way PixelScope used to. */
final class CheckpointFiles {

    private CheckpointFiles() {}

    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        }
        return entries;
    }

    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(zip(entries));
        }
        return file;
    }

    /** A version-1 checkpoint as PixelScope wrote it before format 2: DL4J's ModelSerializer zip inside. */
    static Map<String, byte[]> legacy(PixelModel model, TrainingHistory history, boolean withUpdater)
            throws IOException {
        ByteArrayOutputStream net = new ByteArrayOutputStream();
        ModelSerializer.writeModel(model.network(), net, withUpdater);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(CheckpointFormat.SPEC, ModelSpecs.toJson(model.spec()).getBytes(StandardCharsets.UTF_8));
        entries.put(CheckpointFormat.TRAINING, new ObjectMapper().writeValueAsBytes(history));
        entries.put(CheckpointFormat.MODEL, net.toByteArray());
        return entries;
    }
}

package org.pixelscope.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: window size and the last checkpoint. Backed by
 * {@link Preferences} under a node the caller names (tests use their own node).
 *
 * <p>Thread: FX only.
 */
public final class AppPreferences {

    private static final String WIDTH = "window.width";
    private static final String HEIGHT = "window.height";
    private static final String MAXIMIZED = "window.maximized";
    private static final String LAST_CHECKPOINT = "checkpoint.last";
    private static final String ZOOM = "view.zoom";
    private static final String EXPLANATIONS = "view.explanations";
    private static final String KEY_HINTS = "view.keyHints";
    private static final String RECENT_DATA = "data.recent.";
    private static final String THEME = "view.theme";

    /** How many data folders File > Recent Data lists. */
    public static final int RECENT_DATA_COUNT = 6;

    private final Preferences prefs;

    public AppPreferences(Preferences prefs) {
        this.prefs = prefs;
    }

    /** The app's own node. */
    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("org/pixelscope"));
    }

    /** 1280x800 first: fits a 1366x768 laptop with taskbar and a 1080p projector. */
    public double width() {
        return prefs.getDouble(WIDTH, 1280);
    }

    public double height() {
        return prefs.getDouble(HEIGHT, 800);
    }

    public boolean maximized() {
        return prefs.getBoolean(MAXIMIZED, false);
    }

    public void window(double width, double height, boolean maximized) {
        prefs.putBoolean(MAXIMIZED, maximized);
        if (!maximized && width > 200 && height > 200) {
            prefs.putDouble(WIDTH, width);
            prefs.putDouble(HEIGHT, height);
        }
    }

    /** The zoom of every view, 1 = 100%; remembered so a prepared lecture opens as it was left. */
    public double zoom() {
        double z = prefs.getDouble(ZOOM, 1);
        return z >= ZoomPane.MIN && z <= ZoomPane.MAX ? z : 1;
    }

    public void zoom(double value) {
        prefs.putDouble(ZOOM, value);
    }

    /** Whether the explanation panel is shown; on at first, so a newcomer finds it. */
    public boolean explanations() {
        return prefs.getBoolean(EXPLANATIONS, true);
    }

    public void explanations(boolean shown) {
        prefs.putBoolean(EXPLANATIONS, shown);
    }

    /** Whether the line of demo keys is shown; on at first. */
    public boolean keyHints() {
        return prefs.getBoolean(KEY_HINTS, true);
    }

    public void keyHints(boolean shown) {
        prefs.putBoolean(KEY_HINTS, shown);
    }

    /** The theme, light at first. */
    public Theme theme() {
        return Theme.of(prefs.get(THEME, Theme.LIGHT.key()));
    }

    public void theme(Theme theme) {
        prefs.put(THEME, theme.key());
    }

    /** The last checkpoint opened or saved, if it still exists. */
    public Optional<Path> lastCheckpoint() {
        String s = prefs.get(LAST_CHECKPOINT, null);
        if (s == null) {
            return Optional.empty();
        }
        Path p = Path.of(s);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    public void lastCheckpoint(Path file) {
        if (file == null) {
            prefs.remove(LAST_CHECKPOINT);
        } else {
            prefs.put(LAST_CHECKPOINT, file.toAbsolutePath().toString());
        }
    }

    /** The data folders opened most recently, newest first, those that still exist. */
    public List<Path> recentData() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT_DATA_COUNT; i++) {
            String s = prefs.get(RECENT_DATA + i, null);
            if (s != null && Files.isDirectory(Path.of(s))) {
                out.add(Path.of(s));
            }
        }
        return out;
    }

    /** Puts {@code dir} first in {@link #recentData}, dropping a repeat and the oldest beyond the count. */
    public void dataOpened(Path dir) {
        List<Path> list = new ArrayList<>();
        list.add(dir.toAbsolutePath().normalize());
        for (Path p : recentData()) {
            if (!p.toAbsolutePath().normalize().equals(list.get(0)) && list.size() < RECENT_DATA_COUNT) {
                list.add(p);
            }
        }
        for (int i = 0; i < RECENT_DATA_COUNT; i++) {
            if (i < list.size()) {
                prefs.put(RECENT_DATA + i, list.get(i).toString());
            } else {
                prefs.remove(RECENT_DATA + i);
            }
        }
    }
}

package org.pixelscope.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recent data folders of File > Recent Data. */
class AppPreferencesTest {

    private final Preferences node = Preferences.userRoot().node("org/pixelscope/test-app-preferences");
    private final AppPreferences prefs = new AppPreferences(node);

    @TempDir
    Path tmp;

    @AfterEach
    void forget() throws Exception {
        node.removeNode();
    }

    @Test
    void recentDataIsNewestFirstWithoutRepeatsAndCapped() throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < AppPreferences.RECENT_DATA_COUNT + 2; i++) {
            dirs.add(Files.createDirectory(tmp.resolve("d" + i)));
            prefs.dataOpened(dirs.get(i));
        }
        List<Path> recent = prefs.recentData();
        assertThat(recent).hasSize(AppPreferences.RECENT_DATA_COUNT);
        assertThat(recent.get(0)).isEqualTo(dirs.get(dirs.size() - 1));
        assertThat(recent).doesNotContain(dirs.get(0), dirs.get(1));

        prefs.dataOpened(dirs.get(3)); // reopened: moves to the front, listed once
        recent = prefs.recentData();
        assertThat(recent.get(0)).isEqualTo(dirs.get(3));
        assertThat(recent.stream().filter(dirs.get(3)::equals).count()).isEqualTo(1);
        assertThat(recent).hasSize(AppPreferences.RECENT_DATA_COUNT);
    }

    @Test
    void aFolderThatWasDeletedIsNotListed() throws Exception {
        Path gone = Files.createDirectory(tmp.resolve("gone"));
        Path kept = Files.createDirectory(tmp.resolve("kept"));
        prefs.dataOpened(gone);
        prefs.dataOpened(kept);
        Files.delete(gone);
        assertThat(new AppPreferences(node).recentData()).containsExactly(kept);
    }
}
